"""Create the first admin account with a random password, printed once.

`make run` calls this so a newcomer can log in to the admin straight away, without a
password ever being fixed in code or typed into a fixture. Run again, it leaves an existing
account alone unless --reset-password is given.
"""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Create an admin superuser with a random password (printed once)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument(
            "--reset-password",
            action="store_true",
            help="Give an existing account a new random password and print it.",
        )

    @transaction.atomic
    def handle(self, *args, username, reset_password, **options):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user and not reset_password:
            self.stdout.write(
                f"Admin account '{username}' already exists; its password was printed when it "
                "was created. Use --reset-password for a new one."
            )
            return
        password = secrets.token_urlsafe(18)
        if user is None:
            User.objects.create_superuser(username=username, email="", password=password)
            action = "Created"
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
            action = "Reset the password of"
        self.stdout.write(self.style.SUCCESS(f"{action} admin account '{username}'."))
        self.stdout.write(f"  username: {username}\n  password: {password}")
        self.stdout.write("  (shown only this once; log in at http://127.0.0.1:8000/admin/)")
