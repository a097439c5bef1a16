from django.core.management.base import BaseCommand, CommandError

from portfolios.models import Portfolio
from portfolios.selectors import public_url
from portfolios.services import portfolio_vercel_deploy
from portfolios.vercel import vercel_configured


class Command(BaseCommand):
    help = "Deploy an already published portfolio's current build to Vercel now and wait until it is live."

    def add_arguments(self, parser):
        parser.add_argument("portfolio_id")

    def handle(self, *args, portfolio_id, **options):
        portfolio = Portfolio.objects.filter(pk=portfolio_id).first()
        if portfolio is None:
            raise CommandError(f"No portfolio {portfolio_id}.")
        if not portfolio.is_published:
            raise CommandError("This portfolio is not published; its owner publishes it (and pays) first.")
        if not vercel_configured():
            self.stdout.write(f"VERCEL_TOKEN is not set: the site is self-hosted at {public_url(portfolio)}")
            return
        portfolio = portfolio_vercel_deploy(portfolio_id=portfolio.pk)
        if portfolio.deploy_status != Portfolio.DeployStatus.LIVE:
            raise CommandError(f"Deployment failed: {portfolio.deploy_error}")
        self.stdout.write(f"Live at {portfolio.deploy_url}")
