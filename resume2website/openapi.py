"""OpenAPI generation: unique component names for the nested serializers every view declares.

Each APIView nests its own `InputSerializer` / `OutputSerializer`; drf-spectacular would name
them all "Input"/"Output" and let one overwrite another in the published schema. Nested
serializers are named after their view instead ("CvUploadApiInput").
"""
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema


class AutoSchema(SpectacularAutoSchema):
    def get_serializer_name(self, serializer, direction):
        qualname = serializer.__class__.__qualname__
        if "." in qualname and "<locals>" not in qualname:
            return "".join(qualname.split(".")[-2:])
        return super().get_serializer_name(serializer, direction)
