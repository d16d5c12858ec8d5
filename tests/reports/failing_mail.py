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


class PickyBackend(BaseEmailBackend):
    """Delivers (into django.core.mail.outbox), except to one address, where
    it fails with an error that is not the transport's."""

    refused = "hong@example.com"

    def send_messages(self, email_messages):
        from django.core import mail

        if any(self.refused in message.to for message in email_messages):
            raise ValueError("a header that cannot be encoded")
        mail.outbox.extend(email_messages)
        return len(email_messages)
