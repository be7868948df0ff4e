from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "craniocare.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        # The clients app shows the clinical record page; it sits below audit, so the record's
        # "viewed" event reaches it through a hook (craniocare/clients/hooks.py).
        from craniocare.clients.hooks import register_record_viewed

        from .services import audit_record_viewed

        register_record_viewed(audit_record_viewed)

        from .own import register as register_record_section

        # The client's access log in their own record (craniocare/clients/records.py).
        register_record_section()
