"""`lotse serve`: the production web server (gunicorn, pre-forked sync workers).

Gunicorn rather than granian: pure Python, the most used WSGI server for Django,
graceful restarts on SIGHUP and graceful stop on SIGTERM, and its pre-fork model
isolates a crashed or leaking worker. Lotse's requests wait on the database, not
on the server, so a Rust front end buys nothing measurable here; behind a
buffering reverse proxy (nginx, Caddy) sync workers are the documented choice.
"""

import os
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotse.env import env_bool, env_int, env_str


def default_workers() -> int:
    # Gunicorn's own rule of thumb: two per core plus one, so one worker can
    # run while another waits on the database.
    return 2 * (os.cpu_count() or 1) + 1


def server_options() -> dict[str, Any]:
    threads = env_int("LOTSE_THREADS", 1, minimum=1)
    return {
        "bind": env_str("LOTSE_BIND", "127.0.0.1:8000").split(","),
        "workers": env_int("LOTSE_WORKERS", default_workers(), minimum=1),
        "threads": threads,
        "worker_class": "gthread" if threads > 1 else "sync",
        "timeout": env_int("LOTSE_REQUEST_TIMEOUT", 60, minimum=5),
        "graceful_timeout": env_int("LOTSE_GRACEFUL_TIMEOUT", 30, minimum=1),
        "keepalive": 5,
        # Recycle workers now and then so a slow leak never takes the server down.
        "max_requests": 2000,
        "max_requests_jitter": 200,
        # Our own request log (lotse.core.logs) leaves out query strings,
        # which can carry names from a search; gunicorn's access log would not.
        "accesslog": None,
        "errorlog": "-",
        "logconfig_dict": gunicorn_logging(),
        "forwarded_allow_ips": env_str("LOTSE_FORWARDED_ALLOW_IPS", "127.0.0.1,::1"),
        "proc_name": "lotse",
        # No runtime control socket: one fixed path per user would collide
        # between two servers on a machine, and signals do the same job.
        "control_socket_disable": True,
        # Settings are read once in the master; workers fork with them loaded.
        "preload_app": True,
    }


def gunicorn_logging() -> dict[str, Any]:
    """Gunicorn's own messages as JSON lines too, through the same formatter."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "lotse.core.logs.JsonFormatter"}},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "json"},
        },
        "loggers": {
            "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
            "gunicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        },
        "root": {"level": "INFO", "handlers": ["console"]},
    }


class Command(BaseCommand):
    help = (
        "Run the production web server. Bind with LOTSE_BIND (default 127.0.0.1:8000), "
        "worker count with LOTSE_WORKERS (default 2 × cores + 1)."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dev",
            action="store_true",
            help="Allow starting with LOTSE_DEV=true (development key and settings).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if env_bool("LOTSE_DEV", True) and not options["dev"]:
            raise CommandError(
                "LOTSE_DEV is true: refusing to serve with development settings. "
                "Set LOTSE_DEV=false and SECRET_KEY for production, or pass --dev."
            )
        if not any(settings.STATIC_ROOT.iterdir()):
            self.stderr.write(
                "Static files are missing: run 'lotse collectstatic --noinput' before serving."
            )
        from gunicorn.app.base import BaseApplication

        from lotse.core.parallel import serve_interactive_queries

        serve_interactive_queries()
        from lotse.wsgi import application

        class LotseApplication(BaseApplication):
            def load_config(self) -> None:
                for key, value in server_options().items():
                    self.cfg.set(key, value)

            def load(self) -> Any:
                return application

        LotseApplication(usage=None, prog="lotse serve").run()
