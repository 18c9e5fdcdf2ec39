from django.core.management.base import BaseCommand, CommandError

from solidarity.demo.loader import DEFAULT_PASSWORD, DemoDataError, demo_logins, demo_password, load_demo


class Command(BaseCommand):
    help = (
        "Load the Vietnamese demo from solidarity/demo/data: units, partners, contacts, one login per "
        "role, and the agreements, delegations, meetings and support behind the public facts. "
        "Running it again changes nothing. The password is DEMO_PASSWORD, or demo12345."
    )

    def handle(self, *args, **options):
        password = demo_password()
        try:
            created = load_demo(password=password)
        except DemoDataError as error:
            # A person wrote the files: say where the mistake is, without a traceback. Nothing was written.
            raise CommandError(f"{error}\nNothing was loaded.") from error
        if created:
            summary = ", ".join(f"{count} {kind}" for kind, count in created.items())
            self.stdout.write(self.style.SUCCESS(f"Demo loaded: {summary}."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo already loaded: nothing to change."))

        logins = demo_logins()
        widths = [max(len(row[i]) for row in logins) for i in range(3)]
        self.stdout.write("")
        for username, unit, role in logins:
            self.stdout.write(f"  {username:<{widths[0]}}  {unit:<{widths[1]}}  {role}")
        shown = DEFAULT_PASSWORD if password == DEFAULT_PASSWORD else "from DEMO_PASSWORD"
        self.stdout.write(f"\nPassword for every demo login: {shown}")
