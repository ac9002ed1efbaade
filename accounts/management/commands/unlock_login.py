"""Lift a login lockout from the command line.

After LOGIN_FAILURE_LIMIT failed logins a user name, or the address they came from, cannot
log in for LOGIN_LOCKOUT_MINUTES. When the person cannot wait (or the admin itself is the one
locked out), an operator forgets those failures here; the lift is logged like the lockout.
"""

import getpass

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.throttling import login_lockout_lift, login_lockouts


class Command(BaseCommand):
    help = "Unlock user names and/or addresses locked out after failed logins."

    def add_arguments(self, parser):
        parser.add_argument("usernames", nargs="*", help="user names to unlock")
        parser.add_argument(
            "--ip", dest="addresses", action="append", default=[], help="an address to unlock"
        )
        parser.add_argument(
            "--list", action="store_true", help="list what is locked out now, change nothing"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="say what would be unlocked, change nothing"
        )

    def handle(self, *args, usernames, addresses, list, dry_run, **options):
        if list:
            self._list()
            return
        if not usernames and not addresses:
            raise CommandError("Name at least one user name or --ip address to unlock.")
        count = login_lockout_lift(
            usernames=usernames,
            addresses=addresses,
            by=f"manage.py unlock_login ({getpass.getuser()})",
            dry_run=dry_run,
        )
        what = ", ".join([*usernames, *addresses])
        if not count:
            self.stdout.write(f"No failed logins recorded for {what}; nothing to unlock.")
        elif dry_run:
            self.stdout.write(f"Would forget {count} failed-login records of {what} (dry run).")
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Unlocked {what}: forgot {count} failed-login records.")
            )

    def _list(self):
        lockouts = login_lockouts()
        if not lockouts:
            self.stdout.write("Nothing is locked out.")
        for lockout in lockouts:
            until = timezone.localtime(lockout.until)
            kind = "user name" if lockout.parameter == "username" else "address"
            self.stdout.write(
                f"{kind} {lockout.value}: {lockout.failures} failed logins, "
                f"locked out until {until:%Y-%m-%d %H:%M %Z}"
            )
