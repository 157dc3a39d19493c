"""The indication for case management (DGCC), as a plain function of the intake's facts.

Case management is indicated when needs are complex (three or more life
areas), several providers are involved or the standard pathways have failed,
and the person agrees. The indication advises; the case manager decides, and
a decision against the indication must give its reason.
"""

from dataclasses import dataclass

MIN_LIFE_AREAS = 3
MIN_PROVIDERS = 2


@dataclass(frozen=True)
class Indication:
    life_areas: int
    providers: int
    pathways_failed: bool
    agrees: bool

    @property
    def complex_needs(self) -> bool:
        return self.life_areas >= MIN_LIFE_AREAS

    @property
    def several_providers(self) -> bool:
        return self.providers >= MIN_PROVIDERS

    @property
    def met(self) -> bool:
        return (
            self.complex_needs and (self.several_providers or self.pathways_failed) and self.agrees
        )
