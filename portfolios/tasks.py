from celery import shared_task

from portfolios import services


@shared_task(acks_late=True)
def portfolio_build_task(portfolio_id: str) -> None:
    services.portfolio_build(portfolio_id=portfolio_id)


@shared_task(acks_late=True)
def portfolio_vercel_deploy_task(portfolio_id: str) -> None:
    services.portfolio_vercel_deploy(portfolio_id=portfolio_id)


@shared_task
def portfolio_cleanup_task() -> int:
    """Beat, every 5 minutes: expire previews past their time and delete their files."""
    return len(services.portfolio_expire_due().expired)
