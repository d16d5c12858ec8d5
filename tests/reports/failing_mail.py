"""An email backend whose SMTP server always refuses: the edge we do not own."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class Backend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("SMTP server went away")


class FlakyBackend(BaseEmailBackend):
    """Drops the first connection, then delivers (into django.core.mail.outbox)."""

    failures_left = 1

    def send_messages(self, email_messages):
        if FlakyBackend.failures_left:
            FlakyBackend.failures_left -= 1
            raise smtplib.SMTPServerDisconnected("SMTP server went away")
        from django.core import mail

        mail.outbox.extend(email_messages)
        return len(email_messages)
