from django.core.management.base import BaseCommand

from solidarity.core.demo import demo_logins, demo_password, load_demo


class Command(BaseCommand):
    help = (
        "Load the Vietnamese demo: units, partners, contacts, one login per role, and the "
        "agreements, delegations, meetings and support behind the public facts. "
        "Running it again changes nothing. The password is DEMO_PASSWORD, or demo12345."
    )

    def handle(self, *args, **options):
        password = demo_password()
        created = load_demo(password=password)
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
        shown = "demo12345" if password == "demo12345" else "from DEMO_PASSWORD"
        self.stdout.write(f"\nPassword for every demo login: {shown}")
