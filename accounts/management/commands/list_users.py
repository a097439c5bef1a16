from json import dumps as _dumps

from django.core.management.base import BaseCommand

from accounts.selectors import user_list


class Command(BaseCommand):
    help = "List users with their CVs, portfolios and paid access, oldest first."

    def add_arguments(self, parser):
        parser.add_argument("--search", default="", help="only users whose email or name contains this")
        parser.add_argument("--staff", action="store_true", help="only staff users")
        parser.add_argument("--json", action="store_true", help="one JSON array instead of a table")

    def handle(self, *args, search="", staff=False, json=False, **options):
        rows = [self.row(user) for user in user_list(search=search, staff_only=staff)]
        if json:
            self.stdout.write(_dumps(rows, indent=2))
            return
        self.stdout.write(self.table(rows))

    @staticmethod
    def row(user) -> dict:
        return {
            "id": user.pk,
            "email": user.email,
            "name": user.name,
            "joined": user.date_joined.strftime("%Y-%m-%d %H:%M"),
            "last_login": user.last_login.strftime("%Y-%m-%d %H:%M") if user.last_login else "",
            "staff": user.is_staff,
            "active": user.is_active,
            "cvs": user.cv_count,
            "portfolios": user.portfolio_count,
            "paid": user.paid,
        }

    @staticmethod
    def table(rows: list[dict]) -> str:
        if not rows:
            return "No users."
        headers = ["id", "email", "name", "joined", "last_login", "staff", "active", "cvs", "portfolios", "paid"]
        cells = [[str(r[h]) if not isinstance(r[h], bool) else ("yes" if r[h] else "") for h in headers] for r in rows]
        widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
        lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths))]
        lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
        lines.append(f"{len(rows)} user(s)")
        return "\n".join(lines)
