import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def copy_live_sessions(apps, schema_editor):
    """Signed-in people stay signed in: live rows of django_session move over with their user."""
    from django.contrib.sessions.backends.db import SessionStore

    OldSession = apps.get_model("sessions", "Session")
    Session = apps.get_model("accounts", "Session")
    User = apps.get_model("accounts", "User")
    store = SessionStore()
    users = set(User.objects.values_list("pk", flat=True))
    for old in OldSession.objects.filter(expire_date__gt=timezone.now()).iterator():
        try:
            user_id = int(store.decode(old.session_data).get("_auth_user_id"))
        except (TypeError, ValueError):
            user_id = None
        Session.objects.create(session_key=old.session_key, session_data=old.session_data,
                               expire_date=old.expire_date, user_id=user_id if user_id in users else None)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
        ('sessions', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='Session',
            fields=[
                ('session_key', models.CharField(max_length=40, primary_key=True, serialize=False, verbose_name='session key')),
                ('session_data', models.TextField(verbose_name='session data')),
                ('expire_date', models.DateTimeField(db_index=True, verbose_name='expire date')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='sessions', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'session',
                'verbose_name_plural': 'sessions',
                'db_table': 'accounts_session',
                'abstract': False,
            },
        ),
        migrations.RunPython(copy_live_sessions, migrations.RunPython.noop),
    ]
