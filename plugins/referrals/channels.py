"""Delivery channels: a small registry (``@register``) that other plugins may extend with their own.

A channel checks a recipient's settings (``problems``) and delivers a built handover file
(``deliver``), raising on failure: the handover engine counts attempts and backs off. What
leaves the platform (file drop, email) is an AES-encrypted ZIP, never a plain file.
"""

import os
import tempfile
from pathlib import Path

import pyzipper
from django.core.mail import EmailMessage
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

CHANNELS = {}


def register(cls):
    """Add a channel class to the registry under its ``name``."""
    CHANNELS[cls.name] = cls()
    return cls


def channel_choices():
    return [(name, channel.label) for name, channel in CHANNELS.items()]


def get(name):
    return CHANNELS[name]


class Channel:
    """A way a handover reaches its recipient. ``leaves_platform``: the file is sent out, encrypted."""

    name = ""
    label = ""
    leaves_platform = False

    def problems(self, recipient):
        """``{field name: message}`` for settings this channel cannot work with; none by default."""
        return {}

    def deliver(self, handover, path):
        """Hand the file at ``path`` over; raise to have the attempt counted as failed. Does nothing by default."""


def encrypted_zip(path, password, inner_name):
    """The file at ``path`` as AES-256-encrypted ZIP bytes (``pyzipper``), under ``inner_name``."""
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as buffer:
        with pyzipper.AESZipFile(buffer, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES) as zf:
            zf.setpassword(password.encode())
            zf.write(path, inner_name)
        buffer.seek(0)
        return buffer.read()


def write_atomically(directory, name, content):
    """Temp file in the target directory, fsync, rename: a reader on the share never sees half a file."""
    directory = Path(directory)
    descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=".part-")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, directory / name)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return directory / name


def _password_problem(recipient):
    if len(recipient.archive_password or "") < 12:
        return {"archive_password": gettext("The archive password needs at least 12 characters.")}
    return {}


@register
class InPlatform(Channel):
    name = "platform"
    label = _("in the platform")


@register
class Download(Channel):
    name = "download"
    label = _("download in the admin")


@register
class FileDrop(Channel):
    name = "file_drop"
    label = _("file drop (encrypted ZIP)")
    leaves_platform = True

    def problems(self, recipient):
        found = _password_problem(recipient)
        if not recipient.drop_directory or not os.path.isabs(recipient.drop_directory):
            found["drop_directory"] = gettext("The file drop needs the absolute path of a directory.")
        return found

    def deliver(self, handover, path):
        content = encrypted_zip(path, handover.recipient.archive_password, path.name)
        write_atomically(handover.recipient.drop_directory, f"{path.stem}.zip", content)


@register
class Email(Channel):
    name = "email"
    label = _("email with encrypted attachment")
    leaves_platform = True

    def problems(self, recipient):
        found = _password_problem(recipient)
        if not recipient.email:
            found["email"] = gettext("Email delivery needs an email address.")
        return found

    def deliver(self, handover, path):
        message = EmailMessage(
            subject=gettext("Handover %(number)s for %(recipient)s")
            % {"number": handover.pk, "recipient": handover.recipient.name},
            body=gettext(
                "Attached is handover %(number)s with %(rows)s cases as an encrypted ZIP file. "
                "The password was given to you separately."
            )
            % {"number": handover.pk, "rows": handover.rows},
            to=[handover.recipient.email],
        )
        message.attach(f"{path.stem}.zip", encrypted_zip(path, handover.recipient.archive_password, path.name))
        message.send()
