"""Factories for every app's models, shared by all tests."""

import datetime

import factory
from django.utils import timezone

from handschlag.accounts.models import User
from handschlag.blog.models import Post
from handschlag.organisations.models import Membership, Organisation
from handschlag.places.models import Municipality
from handschlag.promises.models import Category, Promise, Redemption


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """Give the user a verified primary address, as allauth expects at login."""
        if not create or extracted is False:
            return
        from allauth.account.models import EmailAddress

        obj.save()
        EmailAddress.objects.get_or_create(
            user=obj, email=obj.email, defaults={"verified": True, "primary": True}
        )


class ModeratorFactory(UserFactory):
    is_moderator = True


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("ags",)

    name = factory.Sequence(lambda n: f"Musterstadt {n}")
    slug = factory.Sequence(lambda n: f"musterstadt-{n}")
    ags = factory.Sequence(lambda n: f"{16000000 + n:08d}")
    state = "TH"
    latitude = 50.35
    longitude = 11.17
    population = 23000


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = Organisation.Kind.INITIATIVE
    municipality = factory.SubFactory(MunicipalityFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.MEMBER


class PromiseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Promise

    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Zehn Tablets für eine Willkommensklasse {n}")
    description = "Wir stellen zehn gebrauchte, zurückgesetzte Tablets zur Verfügung."
    category = Category.EQUIPMENT
    quantity = 10
    unit = "Tablets"
    condition = "… eine Initiative damit ein halbes Jahr lang eine Willkommensklasse unterrichtet."
    report_requirements = "Ein kurzer Bericht mit Foto: Wie wurden die Tablets genutzt?"
    municipality = factory.SubFactory(MunicipalityFactory)
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    capacity = 2
    remaining_capacity = factory.SelfAttribute("capacity")
    remaining_quantity = factory.SelfAttribute("quantity")
    state = Promise.State.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class RedemptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Redemption

    promise = factory.SubFactory(PromiseFactory)
    applicant = factory.SubFactory(UserFactory)
    plan = "Wir unterrichten montags und mittwochs zwölf Kinder in Deutsch."
    quantity = 1
    state = Redemption.State.APPLIED


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    kind = Post.Kind.EDITORIAL
    title = factory.Sequence(lambda n: f"Ein guter Anfang {n}")
    slug = factory.Sequence(lambda n: f"ein-guter-anfang-{n}")
    teaser = "Wie eine Initiative Tablets in den Unterricht brachte."
    body = "Ein Bericht.\n\nMit zwei Absätzen."
    byline = "Redaktion"
    published_at = factory.LazyFunction(timezone.now)


# --- blog, notifications, moderation ---------------------------------------------------------


class ReportPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "promises.ReportPhoto"

    redemption = factory.SubFactory(RedemptionFactory)
    image = factory.django.ImageField(filename="foto.jpg", format="JPEG", width=40, height=30)
    alt_text = "Kinder lernen mit Tablets"


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "notifications.Notification"

    recipient = factory.SubFactory(UserFactory)
    kind = "promises.promise_published"
    params = factory.LazyFunction(lambda: {"promise": "Zehn Tablets"})
    url = "/versprechen/1/"


def _content_type_of(obj):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj)


class AbuseReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "moderation.AbuseReport"
        exclude = ["target"]

    target = factory.SubFactory(PromiseFactory)
    content_type = factory.LazyAttribute(lambda o: _content_type_of(o.target))
    object_id = factory.SelfAttribute("target.pk")
    reporter = factory.SubFactory(UserFactory)
    reason = "spam"
    message = "Das ist Werbung."


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "organisations.JoinRequest"

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    message = "Ich möchte gern mithelfen."


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "organisations.Invitation"

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    role = "member"
