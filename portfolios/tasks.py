from celery import shared_task

from portfolios import services
from portfolios.vercel import VercelError


@shared_task(acks_late=True)
def portfolio_build_task(portfolio_id: str) -> None:
    services.portfolio_build(portfolio_id=portfolio_id)


@shared_task(acks_late=True)
def portfolio_vercel_deploy_task(portfolio_id: str) -> None:
    services.portfolio_vercel_deploy(portfolio_id=portfolio_id)


@shared_task(autoretry_for=(VercelError,), retry_backoff=30, max_retries=5)
def portfolio_vercel_remove_task(project: str) -> None:
    services.vercel_project_remove(project=project)


@shared_task
def portfolio_cleanup_task() -> int:
    """Beat, every 5 minutes: expire previews past their time and delete their files."""
    return len(services.portfolio_expire_due().expired)
