"""The starter contact-route flow and INTERPOL's own channels.

National contacts live in the country directory (directory/data/).

`load_starter_flow()` is called by `manage.py load_starter_content`. It only
creates records whose key (slug) does not exist yet, and adds the
answers of a question only when it creates that question, so running it again
never changes or restores anything staff have edited or deleted.

Addresses come from shared/reference/official-channels.md. Those marked "known"
there were not re-read, so they are imported unverified (no date); those marked
"seen" get SEEN_ON.
"""

import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from contact.flow import load_flow, validate_flow
from contact.models import Channel, Choice, Outcome, Question
from interpolinfo.translations import fill_starter_translations

# The reference pages were read in 2026, after 26 March 2026 (the CCF portal
# change they describe). The earliest possible day makes the yearly re-check
# reminder come early rather than late.
SEEN_ON = date(2026, 3, 26)
INTERPOL = Channel.Kind.INTERPOL

# slug: (name, url, kind, purpose, seen)
CHANNELS: dict[str, tuple[str, str, str, str, bool]] = {
    "interpol-scam-warning": (
        "INTERPOL: warning about scams using its name",
        "https://www.interpol.int/en/What-you-can-do/Stay-safe/Beware-of-scams-using-INTERPOL-s-name",
        INTERPOL,
        "INTERPOL's own page explaining that messages in its name asking the public for "
        "money or details are scams.",
        True,
    ),
    "interpol-ccf": (
        "Commission for the Control of INTERPOL's Files (CCF): how to make a request",
        "https://www.interpol.int/en/Who-we-are/Commission-for-the-Control-of-INTERPOL-s-Files-CCF/How-to-submit-a-request",
        INTERPOL,
        "Requests to see, correct or delete data INTERPOL may hold about you. Free and "
        "confidential; made through the CCF's secure online portal.",
        True,
    ),
    "interpol-faqs": (
        "INTERPOL: frequently asked questions",
        "https://www.interpol.int/en/FAQs",
        INTERPOL,
        "Plain answers on what INTERPOL does and does not do.",
        True,
    ),
    "interpol-journalists": (
        "INTERPOL: information for journalists",
        "https://www.interpol.int/Resources/Information-for-journalists",
        INTERPOL,
        "How media enquiries reach INTERPOL's press office.",
        True,
    ),
    "interpol-secondments": (
        "INTERPOL: secondments",
        "https://www.interpol.int/What-you-can-do/Careers/Secondments",
        INTERPOL,
        "Posts filled by officials lent by their country; applications go through the "
        "national administration and National Central Bureau.",
        True,
    ),
    "interpol-careers": (
        "INTERPOL: careers",
        "https://www.interpol.int/en/Careers",
        INTERPOL,
        "Vacancies and internships at INTERPOL.",
        False,
    ),
    "interpol-contact-form": (
        "INTERPOL: contact form of the General Secretariat",
        "https://www.interpol.int/en/Contacts/Contact-INTERPOL",
        INTERPOL,
        "INTERPOL's general contact form, also used to report misuse of its name.",
        False,
    ),
    "interpol-red-notices": (
        "INTERPOL: public Red Notices (wanted persons)",
        "https://www.interpol.int/en/How-we-work/Notices/Red-Notices/View-Red-Notices",
        INTERPOL,
        "The wanted persons whose notices INTERPOL has made public. Only some are public.",
        False,
    ),
    "interpol-yellow-notices": (
        "INTERPOL: public Yellow Notices (missing persons)",
        "https://www.interpol.int/en/How-we-work/Notices/Yellow-Notices/View-Yellow-Notices",
        INTERPOL,
        "The missing persons whose notices INTERPOL has made public.",
        False,
    ),
    "interpol-member-countries": (
        "INTERPOL: member countries",
        "https://www.interpol.int/en/Who-we-are/Member-countries",
        INTERPOL,
        "The {member_countries} member countries, each with a National Central Bureau run by its own police.",
        False,
    ),
}

DO_NOT_SCAM = (
    "**Do not**\n\n"
    "- reply, call back, or use any phone number, link or address in the message;\n"
    "- pay anything, whatever the deadline or threat;\n"
    "- send documents, passwords or codes.\n\n"
    "To check anything, find the official number or website yourself."
)


# A scam: where to report it nationally (the bank is in each outcome's text).
SCAM_KINDS = ("fraud", "cyber", "scam_text")


@dataclass
class OutcomeData:
    title: str
    summary: str
    body: str
    urgency: str = Outcome.Urgency.WHEN_READY
    channels: list[str] = field(default_factory=list)
    no_channel_reason: str = ""
    # What the visitor's country adds (contact.models.COUNTRY_KIND_CHOICES); none: no country step.
    country_kinds: list[str] = field(default_factory=lambda: list(SCAM_KINDS))


NOW = Outcome.Urgency.NOW
SOON = Outcome.Urgency.SOON

OUTCOMES: dict[str, OutcomeData] = {
    "scam-message": OutcomeData(
        "This message is a scam: you do not have to act on it",
        "INTERPOL does not contact people out of the blue. It never asks anyone for money "
        "or bank details, and it sells nothing. A message that does is from someone using "
        "its name.",
        "**What you can do**\n\n"
        "1. Keep the evidence: take screenshots, and note the numbers and addresses used.\n"
        "2. Report it to your national fraud-reporting service (choose your country below).\n"
        "3. Then block the sender.\n"
        "4. Tell people close to you: these messages go to many people.\n\n" + DO_NOT_SCAM,
        SOON,
        ["interpol-scam-warning"],
    ),
    "scam-paid": OutcomeData(
        "You paid someone using INTERPOL's name: act now",
        "The sooner your bank and the police know, the better the chance of stopping "
        "or recovering the payment. Being tricked is not your fault; these criminals "
        "work hard to sound official.",
        "**Do this now**\n\n"
        "1. Call your bank or payment provider on the number on your card or its "
        "official website. Tell them the payment was a fraud.\n"
        "2. Report it to your local police or national fraud-reporting service "
        "(choose your country below).\n\n"
        "**Have ready**\n\n"
        "- the messages, call log or emails (keep them, do not delete them);\n"
        "- the date, amount and way you paid (transfer, card, gift cards, crypto);\n"
        "- any names, numbers or addresses the sender used.\n\n"
        "**Watch out** for anyone who later offers to get your money back for a fee: "
        "that is often the same criminals again.\n\n" + DO_NOT_SCAM,
        NOW,
        ["interpol-scam-warning"],
        country_kinds=[*SCAM_KINDS, "victim_support"],
    ),
    "scam-shared-data": OutcomeData(
        "You shared details with someone using INTERPOL's name: protect yourself now",
        "Criminals can use personal details, documents or passwords to take over "
        "accounts or borrow in your name. A few steps now limit the harm.",
        "**Do this now**\n\n"
        "1. Change any password you shared, and turn on two-step sign-in.\n"
        "2. If you shared bank or card details, call your bank on its official number.\n"
        "3. If you sent a copy of an ID document, tell the office that issued it and "
        "ask what to do.\n"
        "4. Report it to your local police or national fraud-reporting service "
        "(choose your country below).\n\n"
        "**Have ready**\n\n"
        "- the messages and what exactly you shared;\n"
        "- the sender's names, numbers or addresses.\n\n" + DO_NOT_SCAM,
        NOW,
        ["interpol-scam-warning"],
    ),
    "clicked-link": OutcomeData(
        "You clicked a link or opened a file: check your device and accounts",
        "A link or file in a scam message can lead to a fake page or harmful software. "
        "Most of the harm can be stopped if you act now.",
        "**Do this now**\n\n"
        "1. If you typed a password on the page, change it now. Start with your email "
        "and your bank.\n"
        "2. Turn on two-step sign-in. This means a second check, such as a code, when "
        "you sign in.\n"
        "3. Run the security scan that came with your phone or computer.\n"
        "4. If you typed card or bank details, call your bank on the number on your card.\n"
        "5. Keep the message, then report it (choose your country below).\n\n" + DO_NOT_SCAM,
        NOW,
        ["interpol-scam-warning"],
    ),
    "remote-access": OutcomeData(
        "Someone may control your device: cut them off now",
        "Scammers ask people to install an app so they can see or control a phone or "
        "computer. From there they can reach your bank and your accounts.",
        "**Do this now**\n\n"
        "1. Turn off the internet on the device: Wi-Fi and mobile data.\n"
        "2. Call your bank on the number on your card. Use a different phone if you can.\n"
        "3. Remove the app they asked you to install.\n"
        "4. From another device, change your passwords, starting with email and bank.\n"
        "5. If you are not sure the device is clean, ask a repair shop you trust to check it.\n"
        "6. Report it to the police (choose your country below).\n\n" + DO_NOT_SCAM,
        NOW,
        ["interpol-scam-warning"],
    ),
    "scam-paid-and-shared": OutcomeData(
        "You paid and shared details: call your bank first",
        "Your money and your accounts both need protecting. Do the steps in this order. "
        "Being tricked is not your fault.",
        "**Do this now**\n\n"
        "1. Call your bank on the number on your card. Say the payment was a fraud. "
        "Ask them to block your card if you shared card details.\n"
        "2. Change any password you shared, and turn on two-step sign-in.\n"
        "3. If you sent a copy of an ID document, tell the office that issued it.\n"
        "4. Report it to the police or your national fraud service (choose your country "
        "below).\n\n"
        "**Have ready**\n\n"
        "- the messages, kept as screenshots;\n"
        "- the date, amount and way you paid;\n"
        "- what details you shared.\n\n"
        "**Watch out** for anyone who later offers to get your money back for a fee. "
        "That is often the same criminals.\n\n" + DO_NOT_SCAM,
        NOW,
        ["interpol-scam-warning"],
        country_kinds=[*SCAM_KINDS, "victim_support"],
    ),
    "fake-local-police": OutcomeData(
        'A caller who says he is police "working with INTERPOL" is a scam sign',
        "Real police do not ask you for money on the phone to stop an arrest. They do not "
        'ask you to move money to a "safe account". They do not ask you to keep the call '
        "secret.",
        "**Do this now**\n\n"
        "1. Hang up. You do not have to stay on the line.\n"
        "2. Wait a few minutes, or use another phone. Scammers can keep a line open.\n"
        "3. Call your local police on a number you looked up yourself. Ask if the call "
        "was real.\n"
        "4. If you paid or shared bank details, call your bank first.\n\n" + DO_NOT_SCAM,
        NOW,
        ["interpol-scam-warning"],
        country_kinds=["police", *SCAM_KINDS],
    ),
    "digital-arrest": OutcomeData(
        'A "digital arrest" on a video call is a scam: end the call',
        "No police force arrests people over a video call. Nor does it keep them on camera "
        "for hours. Scammers dress up as officers and show fake papers to scare you.",
        "**Do this now**\n\n"
        "1. End the call. You are not under arrest.\n"
        "2. Do not send money, even if they say it will be given back.\n"
        "3. Tell someone you trust what happened.\n"
        "4. If you paid, call your bank at once on the number on your card.\n"
        "5. Report it to your local police (choose your country below).\n\n" + DO_NOT_SCAM,
        NOW,
        ["interpol-scam-warning"],
    ),
    "sextortion": OutcomeData(
        "Someone threatens to share sexual images of you: you can get help",
        "This is a crime called sextortion. It is not your fault. Paying rarely makes it "
        "stop. Help is there, and the police take it seriously.",
        "**Do this now**\n\n"
        "1. Stop replying, and do not pay.\n"
        "2. Keep the evidence: screenshots of the chat, the profile and any payment details.\n"
        "3. Report the account to the app or website.\n"
        "4. Tell your local police (choose your country below).\n\n"
        "**If you are under 18**\n\n"
        "- Tell an adult you trust, such as a parent or a teacher. You will not be in "
        "trouble.\n"
        "- A children's helpline in your country can talk it through with you.\n"
        "- A service called Take It Down can help remove images taken before you were "
        "18. It is run by the US National Center for Missing & Exploited Children. It "
        "works for young people in any country.\n\n"
        "If you feel unsafe or think about hurting yourself, call your local emergency "
        "number now.",
        NOW,
        [],
        "Sextortion is reported to your local police and to the app where it happened.",
        country_kinds=["police", "cyber", "victim_support"],
    ),
    "report-scam-message": OutcomeData(
        "Report the scam message itself",
        "Reporting a scam message helps stop it reaching other people. Keep a copy "
        "first, then report it, then block the sender.",
        "**How to report it**\n\n"
        "- **A text message:** many phone companies let you forward scam texts to a short "
        "number. In the UK it is 7726. Your phone company's website says what to use.\n"
        '- **An email:** use the "report phishing" or "report spam" button of your '
        "email service.\n"
        "- **A chat app or social media:** use the app's own report button.\n"
        "- **Your national fraud service:** choose your country below.\n\n"
        "You can also tell INTERPOL that someone is misusing its name.",
        SOON,
        ["interpol-scam-warning", "interpol-contact-form"],
    ),
    "clearance-certificate": OutcomeData(
        "There is no INTERPOL clearance certificate: ask your national police",
        'INTERPOL does not give people certificates of good conduct. A "police '
        'certificate" or criminal record check comes from the police or justice office '
        "of a country.",
        "**What to do**\n\n"
        "1. Ask the office that wants the certificate which country's certificate it needs.\n"
        "2. Apply to that country's police or justice office. If you live abroad, its "
        "embassy or consulate can tell you how.\n\n"
        '**Do not** pay a website that sells an "INTERPOL clearance". It is a scam.',
        Outcome.Urgency.WHEN_READY,
        [],
        "Police certificates come from a country's own police or justice office, not INTERPOL.",
        country_kinds=[],
    ),
    "emergency": OutcomeData(
        "Call your local emergency number now",
        "When someone is in danger, the local emergency services are the fastest help. "
        "INTERPOL cannot send help to anyone.",
        "**Have ready**\n\n"
        "- where you are, or where the person in danger is;\n"
        "- what is happening, in a few words.\n\n"
        "Choose your country below to see its emergency number. In most of Europe "
        "and in many other countries, 112 works.",
        NOW,
        [],
        "In an emergency only the local emergency services can help: call them.",
        country_kinds=["emergency"],
    ),
    "report-crime": OutcomeData(
        "Report it to your local police",
        "Report a crime to the police where you live. This is true even for an online "
        "scam run from abroad. INTERPOL does not take reports from the public. Your police "
        "can work with other countries through INTERPOL if needed.",
        "**Have ready**\n\n"
        "- what happened, when and where;\n"
        "- any messages, receipts, photos or names connected to it.\n\n"
        "Choose your country below for its police and fraud-reporting channels.",
        SOON,
        [],
        "Crimes are reported to the police where you live, not to INTERPOL.",
        country_kinds=["police"],
    ),
    "wanted-person": OutcomeData(
        "Tell your local police what you know about the wanted person",
        "Information about a wanted person goes to the local police first. They pass "
        "it to other countries through their National Central Bureau.",
        "**Have ready**\n\n"
        "- who you saw, where and when;\n"
        "- the notice you recognised them from, if any.\n\n"
        "**Do not** approach the person yourself. If anyone is in danger, call the "
        "emergency number.",
        SOON,
        ["interpol-red-notices"],
        country_kinds=["police"],
    ),
    "missing-person": OutcomeData(
        "Contact your local police about the missing person",
        "Missing people are reported to the local police, and so is any sighting. They "
        "can ask INTERPOL to circulate a notice to other countries.",
        "**Have ready**\n\n"
        "- the person's name, age and a recent photo;\n"
        "- when and where they were last seen;\n"
        "- what you saw, if you recognised someone from a notice.\n\n"
        "**If they went missing abroad,** also contact your foreign ministry or your "
        "embassy or consulate there. For a missing child in Europe, call 116 000, a free "
        "hotline.\n\n"
        "**Do not** wait a set time before reporting someone missing. Tell the police "
        "as soon as you are worried.",
        NOW,
        ["interpol-yellow-notices"],
        country_kinds=["police", "consular"],
    ),
    "ccf-request": OutcomeData(
        "Ask the CCF about data INTERPOL may hold on you",
        "The CCF is the Commission for the Control of INTERPOL's Files. It is an "
        "independent body. You can ask it to show, correct or delete data INTERPOL holds "
        "about you. A request is free and private. You make it on the CCF's own website.",
        "**Have ready**\n\n"
        "- a copy of your identity document;\n"
        "- if someone (such as a lawyer) acts for you, a signed authority from you;\n"
        "- anything that explains why you think data is held about you.\n\n"
        "**Legal advice:** a lawyer can help with your case. Look for one who knows "
        "*extradition*: the rules for sending a person to another country to face a case. "
        "Your country's bar association or law society can help you find one.\n\n"
        "**Be careful** of anyone who *promises* to remove a notice for a fee. No one "
        "can promise what the CCF will decide. A request to the CCF is free.",
        Outcome.Urgency.WHEN_READY,
        ["interpol-ccf"],
        country_kinds=[],
    ),
    "country-question": OutcomeData(
        "Ask the police of the country concerned",
        "Each member country has an INTERPOL office run by its own police. It is called "
        "the National Central Bureau (NCB). Questions about a case or an arrest go to the "
        "police of that country. The NCBs do not usually answer the public. Police do not "
        "give advice about the law: for that, ask a lawyer.",
        "**Have ready**\n\n"
        "- the country concerned;\n"
        "- any reference numbers or documents you have about the case.",
        Outcome.Urgency.WHEN_READY,
        ["interpol-member-countries", "interpol-faqs"],
        country_kinds=["police", "consular"],
    ),
    "careers": OutcomeData(
        "Apply through INTERPOL's careers pages",
        "INTERPOL lists its jobs on its own careers website. Some posts are for police "
        "or officials lent by their own country. For those, you apply through your own "
        "country's service.",
        "**Do not** pay anyone for a job offer, an interview or a visa in INTERPOL's "
        "name. Real job applications cost nothing.",
        Outcome.Urgency.WHEN_READY,
        ["interpol-careers", "interpol-secondments"],
        country_kinds=[],
    ),
    "media": OutcomeData(
        "Contact INTERPOL's press office",
        "Media enquiries go to INTERPOL's press office. Questions about an investigation "
        "in a particular country go to that country's police.",
        "**Have ready**\n\n- your name, media outlet and deadline;\n- your questions.",
        Outcome.Urgency.WHEN_READY,
        ["interpol-journalists"],
        country_kinds=[],
    ),
    "misuse-name": OutcomeData(
        "Report the misuse of INTERPOL's name or logo",
        "INTERPOL's general contact form is also the way to tell it about websites, "
        "accounts or products that misuse its name or logo. If you lost money, also "
        "report it to your local police.",
        "**Have ready**\n\n"
        "- the web address, account name or product;\n"
        "- screenshots, with the date you saw them.",
        Outcome.Urgency.WHEN_READY,
        ["interpol-contact-form", "interpol-scam-warning"],
        country_kinds=["police", "fraud"],
    ),
    "police-ncb": OutcomeData(
        "Go through your country's National Central Bureau",
        "Police officers work with INTERPOL through their own country's office. It is "
        "called the National Central Bureau (NCB). It has the secure lines. Your team "
        "for work with other countries will know how to reach it.",
        "**Do not** send case facts through public forms or email. Use your own "
        "service's links to your NCB.",
        Outcome.Urgency.WHEN_READY,
        ["interpol-member-countries"],
        country_kinds=[],
    ),
    "general-contact": OutcomeData(
        "Use INTERPOL's contact form",
        "Is your question not covered by any other route? Then use the contact form "
        "on INTERPOL's website. It goes to INTERPOL's head office in Lyon.",
        "Keep your message short. If you can, write in one of INTERPOL's four official "
        "languages: Arabic, English, French or Spanish.",
        Outcome.Urgency.WHEN_READY,
        ["interpol-contact-form"],
        country_kinds=[],
    ),
    "learn-about-interpol": OutcomeData(
        "Read how INTERPOL works",
        "INTERPOL helps the police of its member countries work together; it does not "
        "arrest people or issue warrants itself. Its own answers to common questions "
        "are a good place to start.",
        "",
        Outcome.Urgency.WHEN_READY,
        ["interpol-faqs", "interpol-member-countries"],
        country_kinds=[],
    ),
}

# slug: (text, hint, [(choice slug, label, hint, ("q" | "o", target slug))])
QUESTIONS: dict[str, tuple[str, str, list[tuple[str, str, str, tuple[str, str]]]]] = {
    "start": (
        "What brings you here today?",
        "Choose the answer closest to your situation. You can change it later.",
        [
            (
                "danger-now",
                "Someone is in danger right now",
                "Call your local emergency number. The next page shows it.",
                ("o", "emergency"),
            ),
            (
                "message",
                "I got a message or call that claims to be from INTERPOL",
                "An email, text, chat message, letter or phone call.",
                ("q", "message-asks"),
            ),
            (
                "report-crime",
                "I want to report a crime or a scam",
                "Something that happened to you or that you saw.",
                ("q", "danger"),
            ),
            (
                "wanted-person",
                "I have information about a wanted person",
                "For example, you recognised someone from a Red Notice.",
                ("o", "wanted-person"),
            ),
            (
                "missing-person",
                "Someone is missing, or I may have seen a missing person",
                "",
                ("o", "missing-person"),
            ),
            (
                "data-about-me",
                "I think INTERPOL may hold information about me",
                "For example a notice, or data you want to see, correct or delete.",
                ("o", "ccf-request"),
            ),
            (
                "my-country",
                "I have a question about INTERPOL's work in my country",
                "Or about a case, an arrest or an investigation there.",
                ("o", "country-question"),
            ),
            (
                "clearance",
                "I need an INTERPOL clearance certificate",
                "For a visa, a job or to live abroad.",
                ("o", "clearance-certificate"),
            ),
            (
                "jobs",
                "I want to work at INTERPOL",
                "Jobs, internships and secondments.",
                ("o", "careers"),
            ),
            ("media", "I am a journalist", "A media or press enquiry.", ("o", "media")),
            (
                "misuse",
                "Someone is misusing INTERPOL's name or logo",
                "A website, social media account, product or document.",
                ("o", "misuse-name"),
            ),
            (
                "police-officer",
                "I work for the police or another law-enforcement agency",
                "And need to work with INTERPOL on a case.",
                ("o", "police-ncb"),
            ),
            ("something-else", "Something else", "", ("q", "something-else")),
        ],
    ),
    "message-asks": (
        "What does the message or caller want from you?",
        "If it asks for several things, choose the first that fits.",
        [
            (
                "money",
                "Money or my details",
                "A fine, a fee, a certificate, or your ID, passwords or bank details.",
                ("q", "already-acted"),
            ),
            (
                "local-police",
                "The caller says he is local police working with INTERPOL",
                "He may give a name, a badge number or a case number.",
                ("o", "fake-local-police"),
            ),
            (
                "video-call",
                'To stay on a video call while they "arrest" me',
                'Sometimes called a "digital arrest".',
                ("o", "digital-arrest"),
            ),
            (
                "sexual-images",
                "They threaten to share sexual images of me",
                "Or they say they have such images and want money.",
                ("o", "sextortion"),
            ),
            ("not-sure", "Something else, or I am not sure", "", ("q", "already-acted")),
        ],
    ),
    "already-acted": (
        "What have you done so far?",
        "Answering honestly helps us show the right first steps. Nothing is stored.",
        [
            (
                "nothing-yet",
                "Nothing yet",
                "I did not reply, click, pay or share.",
                ("o", "scam-message"),
            ),
            (
                "report-message",
                "I only want to report the message",
                "",
                ("o", "report-scam-message"),
            ),
            (
                "clicked-link",
                "I clicked a link or opened an attachment",
                "",
                ("o", "clicked-link"),
            ),
            (
                "installed-app",
                "I installed an app or let someone control my device",
                'For example, an app to "check" your phone or computer.',
                ("o", "remote-access"),
            ),
            ("paid", "I paid money", "Any amount, in any way.", ("o", "scam-paid")),
            (
                "shared-details",
                "I shared personal details",
                "Documents, passwords, codes or bank details.",
                ("o", "scam-shared-data"),
            ),
            (
                "paid-and-shared",
                "I paid and shared details",
                "",
                ("o", "scam-paid-and-shared"),
            ),
        ],
    ),
    "danger": (
        "Is anyone in danger right now?",
        "",
        [
            ("yes", "Yes, someone is in danger now", "", ("o", "emergency")),
            ("no", "No", "", ("o", "report-crime")),
        ],
    ),
    "something-else": (
        "Which of these is closest?",
        "",
        [
            (
                "worried-about-notice",
                "I fear there is a notice or warrant about me",
                "",
                ("o", "ccf-request"),
            ),
            (
                "report-to-police",
                "I want to tell the police about something",
                "",
                ("q", "danger"),
            ),
            (
                "learn",
                "I want to understand what INTERPOL does",
                "",
                ("o", "learn-about-interpol"),
            ),
            (
                "general-question",
                "A different question for INTERPOL",
                "",
                ("o", "general-contact"),
            ),
        ],
    ),
}


def load_starter_flow() -> str:
    """Create whatever part of the starter flow is missing; return a one-line report."""
    with transaction.atomic():
        created = {
            "channels": _create_channels(),
            "outcomes": _create_outcomes(),
            "questions": _create_questions(),
        }
    report = validate_flow(graph=load_flow())
    made = ", ".join(f"{count} {name}" for name, count in created.items())
    state = (
        _("the flow is valid")
        if report.ok
        else _("the flow has %(n)d problem(s): see the admin") % {"n": len(report.errors)}
    )
    return _("Contact flow: created %(made)s; %(state)s.") % {"made": made, "state": state}


def _create_channels() -> int:
    existing = set(Channel.objects.values_list("slug", flat=True))
    new = [
        Channel(
            slug=slug,
            name=name,
            url=url,
            kind=kind,
            purpose=purpose,
            last_verified=SEEN_ON if seen else None,
        )
        for slug, (name, url, kind, purpose, seen) in CHANNELS.items()
        if slug not in existing
    ]
    for channel in new:
        channel.full_clean()
    Channel.objects.bulk_create(new)
    return len(new)


def _create_outcomes() -> int:
    existing = set(Outcome.objects.values_list("slug", flat=True))
    channels = dict(Channel.objects.values_list("slug", "pk"))
    count = 0
    for slug, data in OUTCOMES.items():
        if slug in existing:
            continue
        outcome = Outcome.objects.create(
            slug=slug,
            title=data.title,
            summary=data.summary,
            body=data.body,
            urgency=data.urgency,
            no_channel_reason=data.no_channel_reason,
            country_kinds=data.country_kinds,
        )
        outcome.channels.set([channels[c] for c in data.channels if c in channels])
        count += 1
    return count


def _create_questions() -> int:
    existing = set(Question.objects.values_list("slug", flat=True))
    has_start = Question.objects.filter(is_start=True).exists()
    new = {
        slug: Question.objects.create(
            slug=slug, text=text, hint=hint, is_start=(slug == "start" and not has_start)
        )
        for slug, (text, hint, _choices) in QUESTIONS.items()
        if slug not in existing
    }
    questions = dict(Question.objects.values_list("slug", "pk"))
    outcomes = dict(Outcome.objects.values_list("slug", "pk"))
    for slug, question in new.items():
        for order, (choice_slug, label, hint, (kind, target)) in enumerate(QUESTIONS[slug][2]):
            lookup = questions if kind == "q" else outcomes
            if target not in lookup:
                continue  # staff removed the target: leave the gap for them to decide
            Choice.objects.create(
                question=question,
                slug=choice_slug,
                label=label,
                hint=hint,
                order=order,
                next_question_id=lookup[target] if kind == "q" else None,
                outcome_id=lookup[target] if kind == "o" else None,
            )
    return len(new)


# --- Starter translations (contact/starter_translations/<language>.toml) -----------

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "starter_translations"


def load_starter_translations(*, directory: Path = TRANSLATIONS_DIR) -> str:
    """Fill the wizard's empty French, Spanish and Arabic fields; never overwrite staff text."""

    def records():
        for language in [code for code, _name in settings.LANGUAGES if code != "en"]:
            path = directory / f"{language}.toml"
            if not path.exists():
                continue
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            for slug, values in data.get("channel", {}).items():
                yield language, Channel.objects.filter(slug=slug).first(), values
            for slug, values in data.get("outcome", {}).items():
                yield language, Outcome.objects.filter(slug=slug).first(), values
            for slug, values in data.get("question", {}).items():
                question = Question.objects.filter(slug=slug).first()
                text = {key: values.get(key, "") for key in ("text", "hint")}
                yield language, question, text
                for choice_slug, choice_values in values.get("choices", {}).items():
                    choice = (
                        Choice.objects.filter(question=question, slug=choice_slug).first()
                        if question
                        else None
                    )
                    yield language, choice, choice_values

    with transaction.atomic():
        filled = fill_starter_translations(records())
    return _("Wizard translations: filled %(n)d starter records.") % {"n": filled}
