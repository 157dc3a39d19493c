import json
import random
import time
from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Max

from lotse.core.categories import DataCategory
from lotse.core.parallel import serve_interactive_queries
from lotse.names import parse_birth_date
from lotse.people.cli.search import acting_user
from lotse.people.models import Person
from lotse.people.search import search_people
from lotse.synth.bench.name_variants import variant
from lotse.synth.bench.stats import percentile

TOP = 10


class Command(BaseCommand):
    help = (
        "Measure the interactive person search on the current database: latency "
        "(p50/p95/max, ms) and recall@10 of query variants generated from stored names "
        "(respelled, swapped, shortened, article, typo; with the date of birth as a clerk "
        "would type it)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--queries", type=int, default=300, help="Measured queries.")
        parser.add_argument("--seed", type=int, default=1, help="Seed for drawing persons.")
        parser.add_argument("--warmup", type=int, default=20, help="Unmeasured queries first.")
        parser.add_argument(
            "--without-date", action="store_true", help="Name only, no date of birth."
        )
        parser.add_argument("--json", action="store_true", help="Print the results as JSON.")
        parser.add_argument(
            "--user",
            help="Search as this staff member (their visible persons only); default: the "
            "operator, who sees every person's identity.",
        )
        parser.add_argument(
            "--parallel-query",
            action="store_true",
            help="Keep PostgreSQL's parallel query (a task worker's setting); by default "
            "the search runs as `lotse serve` runs it, without.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["queries"] < 1:
            raise CommandError("--queries must be at least 1.")
        top = Person.objects.aggregate(top=Max("id"))["top"]
        if not top:
            raise CommandError("No persons: run `lotse synth --persons N` first.")
        if not options["parallel_query"]:
            serve_interactive_queries()
        rng = random.Random(f"bench-search:{options['seed']}")  # noqa: S311 (sampling)
        user = acting_user(options["user"])
        visible = Person.objects.visible_to(user, category=DataCategory.IDENTITY)
        if not visible.exists():
            raise CommandError(f"{user.username} may see no person: nothing to search for.")
        total = options["warmup"] + options["queries"]
        timings: list[float] = []
        cpu: list[float] = []
        hits = 0
        name_hits = 0
        by_change: Counter[str] = Counter()
        hits_by_change: Counter[str] = Counter()
        misses: list[str] = []
        done = 0
        while done < total:
            # Persons the user may find: everyone for the operator.
            person = visible.filter(pk__gte=rng.randint(1, top)).order_by("pk").first()
            if person is None:
                continue
            q = variant(
                rng,
                person.given_names,
                person.family_name,
                person.birth_date,
                "year" if person.birth_date_placeholder else person.birth_date_precision,
            )
            born = None if options["without_date"] or q.birth_date is None else q.birth_date
            started, started_cpu = time.perf_counter(), time.process_time()
            matches = search_people(
                user, q.query, parse_birth_date(born) if born else None, limit=TOP
            )
            elapsed = (time.perf_counter() - started) * 1000
            elapsed_cpu = (time.process_time() - started_cpu) * 1000
            done += 1
            if done <= options["warmup"]:
                continue
            timings.append(elapsed)
            cpu.append(elapsed_cpu)
            found = person.pk in [m.person.pk for m in matches]
            hits += found
            # Namesakes share every key: finding one of the same name is all a name can do.
            name = (person.given_names, person.family_name)
            name_hits += found or name in [
                (m.person.given_names, m.person.family_name) for m in matches
            ]
            for change in q.changes or ("unchanged",):
                by_change[change] += 1
                hits_by_change[change] += found
            if not found and len(misses) < 15:
                misses.append(f"{q.query!r} {born or ''} -> wanted {person.display_name}")
        recall_by_change = {
            k: round(hits_by_change[k] / n, 3) for k, n in sorted(by_change.items())
        }
        result: dict[str, Any] = {
            "persons": Person.objects.count(),
            "queries": len(timings),
            "user": options["user"] or "operator",
            "with_date": not options["without_date"],
            "parallel_query": options["parallel_query"],
            "p50_ms": round(percentile(timings, 50), 1),
            "p95_ms": round(percentile(timings, 95), 1),
            "max_ms": round(max(timings), 1),
            "python_cpu_p50_ms": round(percentile(cpu, 50), 1),
            "python_cpu_p95_ms": round(percentile(cpu, 95), 1),
            "recall_at_10": round(hits / len(timings), 3),
            "name_recall_at_10": round(name_hits / len(timings), 3),
            "recall_by_change": recall_by_change,
            "misses": misses,
        }
        if options["json"]:
            self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))
            return
        self.stdout.write(
            f"{result['persons']} persons, as {result['user']}, {result['queries']} queries "
            f"({'with' if result['with_date'] else 'without'} date of birth): "
            f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, max {result['max_ms']} ms, "
            f"recall@10 {result['recall_at_10']} (the name: {result['name_recall_at_10']}); "
            f"CPU in this process p50 {result['python_cpu_p50_ms']} ms, "
            f"p95 {result['python_cpu_p95_ms']} ms"
        )
        for change, recall in recall_by_change.items():
            self.stdout.write(f"  {change:<10} recall@10 {recall}")
        for miss in misses:
            self.stdout.write(f"  missed: {miss}")
