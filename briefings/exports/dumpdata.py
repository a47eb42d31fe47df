"""The JSON serializer for `dumpdata`/`loaddata` (and version history), made lossless.

Django's JSON encoder cuts datetimes to milliseconds: a timestamp with fewer than 1,000
microseconds is written ".000", loads back as a whole second, and the next dump differs.
Backups must round-trip exactly, so datetimes and times are written in full.
"""

import datetime

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as DjangoJSONSerializer

__all__ = ["Deserializer", "LosslessJSONEncoder", "Serializer"]


class LosslessJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(DjangoJSONSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = LosslessJSONEncoder
