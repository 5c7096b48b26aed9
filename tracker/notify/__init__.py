"""Reminders and notifications: message texts, the SMTP sender, the reminder schedule."""
