from django.core.management.base import BaseCommand, CommandError

from portfolios.models import Portfolio
from portfolios.services import portfolio_build


class Command(BaseCommand):
    help = "Build a portfolio's site now, in this process, and print the outcome."

    def add_arguments(self, parser):
        parser.add_argument("portfolio_id")

    def handle(self, *args, portfolio_id, **options):
        if not Portfolio.objects.filter(pk=portfolio_id).exists():
            raise CommandError(f"No portfolio {portfolio_id}.")
        portfolio = portfolio_build(portfolio_id=portfolio_id)
        if portfolio is None or portfolio.status != Portfolio.Status.READY:
            raise CommandError(f"Build failed: {portfolio.error if portfolio else 'portfolio deleted'}")
        self.stdout.write(f"Built {portfolio.id}: {len(portfolio.site_files)} files ({portfolio.theme} theme).")
