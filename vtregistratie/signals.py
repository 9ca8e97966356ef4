"""Signals other apps can listen to."""

from django.dispatch import Signal

#: Sent by the reference data loader after it added or changed rows (in bulk, so without model signals),
#: inside its transaction.
referentiedata_gewijzigd = Signal()
