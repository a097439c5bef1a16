"""The CV document: one definition of the 15 sections, used by every layer.

It validates `PUT cv/{job_id}`, produces the JSON Schema for the Claude tool and the API
docs, and is what JSON Resume import/export maps to. Every field is optional (null);
dates are "YYYY-MM" or "YYYY" strings; "Present" is `isCurrent`.
"""
from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")
Str = str | None


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)


def _check_date(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    if not DATE_RE.match(value):
        raise ValueError('dates are "YYYY-MM" or "YYYY"')
    return value


class DateRange(_Model):
    startDate: Str = None
    endDate: Str = None
    isCurrent: bool | None = None

    _dates = field_validator("startDate", "endDate")(classmethod(lambda cls, v: _check_date(v)))


class Hero(_Model):
    fullName: Str = None
    professionalTitle: Str = None
    profilePhotoUrl: Str = None


class Location(_Model):
    city: Str = None
    state: Str = None
    country: Str = None


class ProfessionalLink(_Model):
    platform: Str = None
    url: Str = None


class Contact(_Model):
    email: Str = None
    phone: Str = None
    location: Location | None = None
    professionalLinks: list[ProfessionalLink] = Field(default_factory=list)
    availability: Str = None
    nationality: Str = None
    drivingLicense: Str = None
    visaStatus: Str = None


class Summary(_Model):
    summaryText: Str = None
    yearsOfExperience: float | None = None


class ExperienceItem(_Model):
    jobTitle: Str = None
    companyName: Str = None
    location: Str = None
    dateRange: DateRange | None = None
    responsibilitiesAndAchievements: list[str] = Field(default_factory=list)
    technologiesUsed: list[str] = Field(default_factory=list)
    employmentType: Str = None
    remoteWork: Str = None


class Experience(_Model):
    experienceItems: list[ExperienceItem] = Field(default_factory=list)


class EducationItem(_Model):
    institution: Str = None
    degree: Str = None
    fieldOfStudy: Str = None
    dateRange: DateRange | None = None
    gpa: Str = None
    honors: list[str] = Field(default_factory=list)
    relevantCoursework: list[str] = Field(default_factory=list)
    location: Str = None


class Education(_Model):
    educationItems: list[EducationItem] = Field(default_factory=list)


class SkillCategory(_Model):
    categoryName: Str = None
    skills: list[str] = Field(default_factory=list)


class Skills(_Model):
    skillCategories: list[SkillCategory] = Field(default_factory=list)
    ungroupedSkills: list[str] = Field(default_factory=list)


class ProjectItem(_Model):
    title: Str = None
    description: Str = None
    projectUrl: Str = None
    technologiesUsed: list[str] = Field(default_factory=list)
    dateRange: DateRange | None = None


class Projects(_Model):
    projectItems: list[ProjectItem] = Field(default_factory=list)


class Achievement(_Model):
    value: Str = None
    label: Str = None
    contextOrDetail: Str = None
    timeframe: Str = None


class Achievements(_Model):
    achievements: list[Achievement] = Field(default_factory=list)


class CertificationItem(_Model):
    title: Str = None
    issuingOrganization: Str = None
    issueDate: Str = None
    expirationDate: Str = None
    credentialId: Str = None
    verificationUrl: Str = None

    _dates = field_validator("issueDate", "expirationDate")(classmethod(lambda cls, v: _check_date(v)))


class Certifications(_Model):
    certificationItems: list[CertificationItem] = Field(default_factory=list)


class LanguageItem(_Model):
    language: Str = None
    proficiency: Str = None
    certification: Str = None


class Languages(_Model):
    languageItems: list[LanguageItem] = Field(default_factory=list)


class CourseItem(_Model):
    title: Str = None
    institution: Str = None
    date: Str = None
    description: Str = None

    _dates = field_validator("date")(classmethod(lambda cls, v: _check_date(v)))


class Courses(_Model):
    courseItems: list[CourseItem] = Field(default_factory=list)


class VolunteerItem(_Model):
    role: Str = None
    organization: Str = None
    dateRange: DateRange | None = None
    description: Str = None


class Volunteer(_Model):
    volunteerItems: list[VolunteerItem] = Field(default_factory=list)


class Publication(_Model):
    title: Str = None
    authors: list[str] = Field(default_factory=list)
    journalName: Str = None
    publicationDate: Str = None
    doi: Str = None
    publicationUrl: Str = None

    _dates = field_validator("publicationDate")(classmethod(lambda cls, v: _check_date(v)))


class Publications(_Model):
    publications: list[Publication] = Field(default_factory=list)


class SpeakingEngagement(_Model):
    title: Str = None
    event: Str = None
    date: Str = None
    location: Str = None
    url: Str = None

    _dates = field_validator("date")(classmethod(lambda cls, v: _check_date(v)))


class Speaking(_Model):
    speakingEngagements: list[SpeakingEngagement] = Field(default_factory=list)


class HobbyItem(_Model):
    name: Str = None
    description: Str = None


class Hobbies(_Model):
    hobbyItems: list[HobbyItem] = Field(default_factory=list)


class CVDocument(_Model):
    """The whole CV: 15 sections, each optional."""

    hero: Hero | None = None
    contact: Contact | None = None
    summary: Summary | None = None
    experience: Experience | None = None
    education: Education | None = None
    skills: Skills | None = None
    projects: Projects | None = None
    achievements: Achievements | None = None
    certifications: Certifications | None = None
    languages: Languages | None = None
    courses: Courses | None = None
    volunteer: Volunteer | None = None
    publications: Publications | None = None
    speaking: Speaking | None = None
    hobbies: Hobbies | None = None


SECTION_NAMES: tuple[str, ...] = tuple(CVDocument.model_fields)


def cv_document_validate(data: Any) -> CVDocument:
    """Parse untrusted data into a CVDocument (raises pydantic.ValidationError)."""
    return CVDocument.model_validate(data)


def cv_document_dump(doc: CVDocument) -> dict:
    """The canonical JSON form: every section present (null when empty)."""
    return doc.model_dump(mode="json")


def cv_document_empty() -> dict:
    return cv_document_dump(CVDocument())


def cv_document_json_schema() -> dict:
    return CVDocument.model_json_schema()
