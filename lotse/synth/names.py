"""Synthetic names of people who immigrated to Germany, with the spellings they come in.

Pure and deterministic: everything is drawn from the `random.Random` passed in,
so the same seed gives the same people. Given and family names are real,
common names of each country of origin, combined at random: no person is
imitated. What makes matching people hard in German records is modelled on
purpose: several romanisations of one name (Mohammed, Muhammad, Mohamad),
the original script, given and family names swapped, compound names split or
joined differently ("Al Hassan", "Al-Hassan", "Alhassan"), gendered Slavic
family names (Ivanov, Ivanova), and 1 January of the year as a placeholder for
an unknown birth date.

The name tables are written one name a line, ``Latin | variant, variant |
original script``, and parsed once at import; the generator then only indexes
precomputed tuples, because it is called a million times for a large district.
"""

from __future__ import annotations

import datetime
import random
from bisect import bisect
from collections.abc import Mapping, Sequence
from dataclasses import KW_ONLY, dataclass
from functools import lru_cache
from itertools import accumulate
from types import MappingProxyType
from typing import Final, Generic, TypeVar

__all__ = [
    "BIRTH_DATE_PRECISIONS",
    "BIRTH_PLACES",
    "COUNTRIES",
    "DEFAULT_TODAY",
    "NAME_TABLES",
    "RELATIONSHIPS",
    "SEXES",
    "VARIANT_KINDS",
    "Country",
    "FamilyName",
    "NameEntry",
    "NameTable",
    "NameVariant",
    "SyntheticIdentity",
    "make_household",
    "make_identity",
    "pick_country",
]

DEFAULT_TODAY: Final = datetime.date(2026, 11, 1)
SEXES: Final = ("f", "m", "x")
VARIANT_KINDS: Final = ("transliteration", "original_script", "swapped", "compound_split")
BIRTH_DATE_PRECISIONS: Final = ("day", "month", "year", "unknown")
RELATIONSHIPS: Final = ("head", "spouse", "child", "parent", "sibling", "other")


# --- Public records -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Country:
    code: str  # ISO 3166-1 alpha-3
    name: str
    weight: float  # relative share, see COUNTRIES
    languages: tuple[str, ...]  # ISO 639-1 where one exists, else 639-3
    script: str  # ISO 15924 code of the script names are written in at home


@dataclass(frozen=True, slots=True)
class NameEntry:
    latin: str
    variants: tuple[str, ...]  # other Latin spellings seen in German records
    original: str | None  # the name in its own script; None where that is Latin
    compound_forms: tuple[str, ...]  # the same parts joined, hyphenated or particle dropped


@dataclass(frozen=True, slots=True)
class FamilyName:
    # The same entry twice where the name has no gendered forms.
    male: NameEntry
    female: NameEntry


@dataclass(frozen=True, slots=True)
class NameTable:
    script: str
    male: tuple[NameEntry, ...]
    female: tuple[NameEntry, ...]
    family: tuple[FamilyName, ...]


@dataclass(frozen=True)
class NameVariant:
    given_names: str
    family_name: str
    kind: str  # one of VARIANT_KINDS


@dataclass(frozen=True)
class SyntheticIdentity:
    given_names: str
    family_name: str
    sex: str  # "f", "m" or "x"
    country: str  # ISO 3166-1 alpha-3
    languages: tuple[str, ...]
    birth_date: datetime.date | None
    birth_date_precision: str  # one of BIRTH_DATE_PRECISIONS
    birth_date_placeholder: bool  # 1 January standing in for an unknown day and month
    variants: tuple[NameVariant, ...]
    birth_place: str


# --- Countries ----------------------------------------------------------------

# Weights are rough orders of magnitude of protection seekers and recent
# migrants that German municipalities counsel in the mid-2020s, rounded so that
# synthetic districts look plausible. They are not statistics.
COUNTRIES: Final[Mapping[str, Country]] = MappingProxyType(
    {
        c.code: c
        for c in (
            Country("UKR", "Ukraine", 28.0, ("uk", "ru"), "Cyrl"),
            Country("SYR", "Syria", 20.0, ("ar", "ku"), "Arab"),
            Country("AFG", "Afghanistan", 10.0, ("prs", "ps"), "Arab"),
            Country("TUR", "Türkiye", 7.0, ("tr", "ku"), "Latn"),
            Country("IRQ", "Iraq", 6.0, ("ar", "ku"), "Arab"),
            Country("IRN", "Iran", 4.0, ("fa", "az", "ku"), "Arab"),
            Country("RUS", "Russia", 3.0, ("ru",), "Cyrl"),
            Country("ERI", "Eritrea", 2.5, ("ti", "tig", "ar"), "Ethi"),
            Country("NGA", "Nigeria", 2.5, ("en", "yo", "ig", "ha", "bin", "pcm"), "Latn"),
            Country("SOM", "Somalia", 2.0, ("so", "ar"), "Latn"),
            Country("SRB", "Serbia", 1.5, ("sr", "rom"), "Cyrl"),
            Country("ALB", "Albania", 1.5, ("sq",), "Latn"),
            Country("MKD", "North Macedonia", 1.0, ("mk", "sq"), "Cyrl"),
            Country("BIH", "Bosnia and Herzegovina", 1.0, ("bs", "hr", "sr"), "Latn"),
        )
    }
)

BIRTH_PLACES: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "UKR": (
            "Kyiv", "Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Lviv", "Mykolaiv",
            "Mariupol", "Kherson", "Chernihiv", "Sumy", "Poltava",
        ),
        "SYR": (
            "Aleppo", "Damascus", "Homs", "Hama", "Idlib", "Latakia", "Deir ez-Zor",
            "Raqqa", "Daraa", "Qamishli", "Al-Hasakah", "Afrin",
        ),
        "AFG": (
            "Kabul", "Herat", "Mazar-i-Sharif", "Kandahar", "Jalalabad", "Kunduz",
            "Ghazni", "Baghlan", "Bamyan",
        ),
        "TUR": (
            "Istanbul", "Ankara", "Izmir", "Diyarbakır", "Gaziantep", "Şanlıurfa",
            "Mardin", "Van", "Konya", "Adana", "Batman",
        ),
        "IRQ": (
            "Baghdad", "Mosul", "Basra", "Erbil", "Sulaymaniyah", "Kirkuk", "Duhok",
            "Sinjar", "Fallujah", "Najaf",
        ),
        "IRN": (
            "Tehran", "Mashhad", "Isfahan", "Shiraz", "Tabriz", "Karaj", "Ahvaz",
            "Kermanshah", "Urmia", "Sanandaj",
        ),
        "RUS": (
            "Moscow", "Saint Petersburg", "Novosibirsk", "Yekaterinburg", "Kazan",
            "Nizhny Novgorod", "Samara", "Rostov-on-Don", "Krasnodar", "Omsk",
        ),
        "ERI": ("Asmara", "Keren", "Mendefera", "Massawa", "Adi Keyh", "Dekemhare", "Barentu"),
        "NGA": (
            "Lagos", "Benin City", "Abuja", "Kano", "Ibadan", "Port Harcourt", "Enugu",
            "Onitsha", "Owerri", "Kaduna",
        ),
        "SOM": (
            "Mogadishu", "Hargeisa", "Kismayo", "Baidoa", "Beledweyne", "Bosaso",
            "Galkayo", "Merca",
        ),
        "SRB": ("Belgrade", "Novi Sad", "Niš", "Kragujevac", "Leskovac", "Subotica", "Vranje"),
        "ALB": ("Tirana", "Durrës", "Shkodër", "Elbasan", "Vlorë", "Korçë", "Fier", "Berat"),
        "MKD": ("Skopje", "Bitola", "Kumanovo", "Tetovo", "Prilep", "Ohrid", "Veles", "Štip"),
        "BIH": (
            "Sarajevo", "Banja Luka", "Tuzla", "Zenica", "Mostar", "Bihać", "Brčko",
            "Bijeljina", "Cazin",
        ),
    }
)  # fmt: skip


# --- Name tables ----------------------------------------------------------------
# One name a line: canonical Latin form | 1-4 other Latin spellings | original
# script (omitted where names are written in Latin at home). Variants include
# the German transcriptions (Schewtschenko, Iwanow, Hatidsche) that older
# German documents carry.

_ARABIC_MALE = """
Mohammed | Muhammad, Mohamad, Mohamed, Mohammad | محمد
Ahmad | Ahmed, Ahmet, Achmed | أحمد
Ali | Aly | علي
Omar | Umar, Omer | عمر
Khaled | Khalid, Chaled, Haled | خالد
Hussein | Husain, Hussain, Hossein, Husein | حسين
Hassan | Hasan, Hassane | حسن
Yousef | Yusuf, Youssef, Yousif, Jusuf | يوسف
Abdulrahman | Abdul Rahman, Abdelrahman, Abd Alrahman, Abdurrahman | عبد الرحمن
Abdullah | Abdallah, Abdalla, Abdulla | عبد الله
Ibrahim | Ebrahim, Ibraheem, Ibrahem | إبراهيم
Mahmoud | Mahmud, Mahmood, Machmud | محمود
Mustafa | Moustafa, Mostafa, Mustapha | مصطفى
Ammar | Amar, Ammer | عمار
Bilal | Belal, Bilaal | بلال
Hamza | Hamzah, Hamze | حمزة
Karim | Kareem, Kerim | كريم
Majed | Majid, Maged, Madjid | ماجد
Tarek | Tariq, Tarik, Tareq | طارق
Walid | Waleed, Oualid | وليد
Samir | Sameer, Semir | سمير
Fadi | Fady, Fadie | فادي
Rami | Ramy, Ramie | رامي
Jamal | Gamal, Djamal, Jamaal | جمال
Anas | Anass, Enes | أنس
Yasser | Yaser, Jasser, Yassir | ياسر
Osama | Usama, Ossama, Oussama | أسامة
Abdulkarim | Abdul Karim, Abdelkarim, Abdulkareem | عبد الكريم
Saleh | Salih, Salleh | صالح
Nour Eddin | Nureddin, Nour Aldin, Nour Al-Din, Noureddine | نور الدين
Mazen | Mazin, Maazen | مازن
Firas | Feras, Firass | فراس
Obada | Ubada, Obadah, Ubadah | عبادة
Qasim | Kassem, Qassem, Kasim | قاسم
Adnan | Adnaan | عدنان
"""

_ARABIC_FEMALE = """
Fatima | Fatma, Fatemeh, Fatimah, Fatme | فاطمة
Aisha | Aischa, Aysha, Aicha, Ayesha | عائشة
Maryam | Mariam, Meryem, Mirjam | مريم
Zainab | Zeinab, Zaynab, Zineb | زينب
Nour | Noor, Nur | نور
Hala | Halah | هالة
Rasha | Racha, Rascha | رشا
Amal | Amel, Amaal | أمل
Huda | Houda, Hoda, Hudah | هدى
Rania | Ranya, Raniya, Raniah | رانيا
Lina | Leena, Lyna | لينا
Layla | Leila, Laila, Leyla, Lejla | ليلى
Salma | Selma, Salmaa | سلمى
Yasmin | Yasmine, Jasmin, Yasmeen | ياسمين
Doaa | Duaa, Doa, Dua | دعاء
Asmaa | Asma, Esma, Asmah | أسماء
Khadija | Khadijah, Hadija, Chadidscha, Khadeeja | خديجة
Reem | Rim, Riem | ريم
Ghada | Gada, Ghadah | غادة
Samira | Sameera, Semira | سميرة
Rawan | Rawaan | روان
Heba | Hiba, Hibah | هبة
Nisreen | Nisrin, Nesrin, Nesreen | نسرين
Sara | Sarah, Sarra | سارة
Hanan | Hanaan, Hanane | حنان
Malak | Malaak | ملاك
Batoul | Batool, Batul | بتول
Amina | Amena, Ameena, Emine | أمينة
Raghad | Ragad, Raghd | رغد
Shahad | Shahd, Schahad | شهد
Alaa | Ala, Ola | آلاء
Safaa | Safa | صفاء
Ruqaya | Ruqayya, Rukaya, Roukaya | رقية
Walaa | Wala | ولاء
"""

_SYRIAN_FAMILY = """
Al Hassan | El Hassan, Al Hasan | الحسن
Al Ahmad | Al Ahmed, El Ahmad | الأحمد
Al Ali | El Ali | العلي
El-Khatib | Al Khatib, El Khateeb, Al-Chatib | الخطيب
Abu Bakr | Abou Bakr, Abu Bakar, Abubakr | أبو بكر
Al Mohammad | Al Mohamad, Al Muhammad, Al Mohammed | المحمد
Al Hussein | Al Husain, Al Hussain, El Hussein | الحسين
Al Omar | Al Umar, El Omar | العمر
Al Abdullah | Al Abdallah, El Abdullah | العبدالله
Al Khalil | Al Chalil, El Khalil | الخليل
Al Saleh | Al Salih, El Saleh | الصالح
Al Hamad | Al Hamed, El Hamad | الحمد
Abdel Aziz | Abdul Aziz, Abdelaziz, Abd Al Aziz | عبد العزيز
Haddad | Hadad, Al Haddad | حداد
Hamdan | Hamdane, Hamdaan | حمدان
Darwish | Darwich, Derwisch, Darwisch | درويش
Shaheen | Shahin, Chahine, Schahin | شاهين
Kassab | Qassab, Kasab, Al Kassab | قصاب
Najjar | Al Najjar, Nadjar, Naggar | نجار
Sabbagh | Sabagh, Al Sabbagh, Sabbag | صباغ
Jaber | Jabir, Djaber, Gaber | جابر
Masri | Al Masri, El Masry, Masry | مصري
Halabi | Al Halabi, Halaby | حلبي
Homsi | Al Homsi, Homssi | حمصي
Hammoud | Hamoud, Hamud, Hamood | حمود
Abdo | Abdou, Abdu | عبدو
Sulaiman | Suleiman, Soliman, Sleiman, Suleyman | سليمان
Othman | Osman, Uthman, Usman | عثمان
Mousa | Musa, Moussa, Mussa | موسى
Abu Zaid | Abou Zeid, Abu Zeid | أبو زيد
Al Jasem | Al Jassem, Al Jasim, El Jasem | الجاسم
Al Hamwi | Al Hamawi, Hamwi | الحموي
Issa | Eissa, Isa, Essa | عيسى
Kurdi | Al Kurdi, Kurdy | كردي
Al Sheikh | Al Shaikh, El Sheikh, Al Scheich | الشيخ
"""

_IRAQI_FAMILY = """
Al Jubouri | Al Jabouri, Al Juburi, Al Jbouri | الجبوري
Al Obaidi | Al Ubaidi, Al Obeidi | العبيدي
Al Dulaimi | Al Dulaymi, Al Duleimi | الدليمي
Al Tamimi | Al Tamimy, El Tamimi | التميمي
Al Saadi | Al Saady, Al Saedi | الساعدي
Al Rubaie | Al Rubaye, Al Rubaiy, Al Rubai | الربيعي
Al Khafaji | Al Khafajy, Al Chafadschi | الخفاجي
Al Zubaidi | Al Zubeidi, Al Zobaidi | الزبيدي
Al Shammari | Al Shamari, Al Schammari | الشمري
Al Hashimi | Al Hashemi, Al Hashmi | الهاشمي
Al Bayati | Al Bayaty, El Bayati | البياتي
Al Janabi | Al Jenabi, Al Ganabi | الجنابي
Al Azzawi | Al Azawi, Al Ezzawi | العزاوي
Al Ani | Al Aani, El Ani | العاني
Al Hamdani | Al Hamadani, El Hamdani | الحمداني
Al Musawi | Al Moussawi, Al Mousawi, Al Mosawi | الموسوي
Al Hakim | Al Hakeem, El Hakim | الحكيم
Al Kubaisi | Al Kubaysi, Al Kebaisi | الكبيسي
Al Samarrai | Al Samarraie, Al Samaraie | السامرائي
Al Mashhadani | Al Mashadani, Al Meshhadani | المشهداني
Al Maliki | Al Malki, El Maliki | المالكي
Al Lami | Al Lamy, Al Laami | اللامي
Al Kaabi | Al Kabi, Al Kaebi | الكعبي
Al Sudani | Al Soudani, Al Sudany | السوداني
Abu Risha | Abou Risha, Aburisha | أبو ريشة
Khudeda | Khudida, Chudeda, Xudeda | خديدا
Murad | Mourad, Murat | مراد
Qasim | Kasim, Qassim, Kassem | قاسم
Haji | Hadji, Hajji | حجي
Khalaf | Chalaf, Khalef | خلف
Abbas | Abas, Abass | عباس
Jassim | Jasim, Jassem, Djassim | جاسم
Hamid | Hamed, Hamit | حامد
"""

_AFGHAN_MALE = """
Mohammad | Mohammed, Muhammad, Mohamad, Mohamed | محمد
Ahmad | Ahmed, Achmad | احمد
Ali | Aly | علی
Abdul Rahman | Abdulrahman, Abdurrahman, Abdorahman | عبدالرحمن
Mustafa | Mostafa, Moustafa | مصطفی
Najibullah | Najibulla, Nadschibullah, Najeebullah | نجیب الله
Hamid | Hamed, Hameed | حامد
Rahim | Rahem, Raheem | رحیم
Karim | Kareem, Kerim | کریم
Zabihullah | Zabiullah, Zabihulla, Sabihullah | ذبیح الله
Sayed | Said, Sayyid, Sayid, Seyed | سید
Jawad | Javad, Dschawad, Jawaad | جواد
Farid | Fareed, Ferid | فرید
Wahid | Waheed, Vahid | وحید
Khalid | Khaled, Chalid, Khaleed | خالد
Nasir | Naser, Nasser, Naseer | ناصر
Omid | Umid, Omed | امید
Reza | Resa, Riza, Raza | رضا
Hussain | Hussein, Hossein, Husain, Hosain | حسین
Abdullah | Abdulla, Abdollah, Abdallah | عبدالله
Samiullah | Samiulla, Sami Ullah, Samihullah | سمیع الله
Habibullah | Habibulla, Habib Ullah | حبیب الله
Ahmad Shah | Ahmadshah, Ahmed Shah | احمد شاه
Mirwais | Mirvais, Mir Wais, Mirways | میرویس
Noorullah | Nurullah, Noorulla, Nurulla | نور الله
Asadullah | Asadulla, Assadullah | اسد الله
Shafiq | Shafik, Schafik, Shafeeq | شفیق
Jamshid | Jamshed, Dschamschid, Djamshid | جمشید
Basir | Baseer, Bassir | بصیر
Rahmatullah | Rahmatulla, Rahmat Ullah | رحمت الله
Idris | Edris, Idrees | ادریس
Yousuf | Yusuf, Yousef, Yosuf | یوسف
"""

_AFGHAN_FEMALE = """
Fatima | Fatema, Fatemeh, Fatimah | فاطمه
Maryam | Mariam, Mariyam | مریم
Zahra | Sahra, Zohra, Zehra | زهرا
Shabnam | Schabnam, Shabnum | شبنم
Nilofar | Nilufar, Niloufar, Nilofer | نیلوفر
Freshta | Fereshta, Fereshteh, Frishta | فرشته
Mursal | Morsal, Mursaal | مرسل
Parwana | Parvana, Parwaneh, Parvaneh | پروانه
Sakina | Sakineh, Sakeena, Sakena | سکینه
Zainab | Zeinab, Zaynab | زینب
Masooma | Masuma, Masoumeh, Massoma | معصومه
Laila | Leila, Layla, Leyla | لیلا
Roya | Roja, Rouya | رویا
Nargis | Narges, Nargess | نرگس
Hadia | Hadiya, Hadiyah | هادیه
Farzana | Farsana, Farzaneh | فرزانه
Gulalai | Gulalay, Ghulalai | گلالی
Halima | Halimah, Haleema | حلیمه
Khadija | Khadijah, Chadija, Khadidja | خدیجه
Marzia | Marziya, Marziyeh, Marsia | مرضیه
Nazanin | Nasanin, Nazaneen | نازنین
Shukria | Shukriya, Schukria | شکریه
Soraya | Suraya, Suraiya, Soraja | ثریا
Wazhma | Wajma, Wazma, Vajma | وژمه
Basira | Baseera, Bassira | بصیره
Mahboba | Mahbuba, Mahbooba, Mahbubeh | محبوبه
Tahmina | Tahmineh, Tahmeena | تهمینه
Shakila | Shakeela, Schakila | شکیله
Zarghuna | Zarghona, Zargona | زرغونه
Rabia | Rabiya, Rabiah | رابعه
"""

_AFGHAN_FAMILY = """
Ahmadi | Ahmady, Achmadi | احمدی
Rahimi | Rahimy, Rahemi | رحیمی
Hashimi | Hashemi, Haschimi, Hashimy | هاشمی
Popal | Popall, Popel | پوپل
Noori | Nuri, Noory, Nouri | نوری
Sultani | Soltani, Sultany | سلطانی
Karimi | Karimy, Kerimi | کریمی
Hakimi | Hakimy, Hakeemi | حکیمی
Mohammadi | Mohammady, Muhammadi, Mohamadi | محمدی
Safi | Saafi, Safie | صافی
Stanikzai | Stanekzai, Stanakzai, Stanikzay | ستانکزی
Wardak | Wardag, Vardak | وردک
Sadat | Saadat, Sadaat | سادات
Amiri | Amiry, Ameeri | امیری
Haidari | Haideri, Heydari, Haidary | حیدری
Jafari | Jafary, Dschafari, Jaafari | جعفری
Rezaie | Rezaei, Rezai, Resaie | رضایی
Azizi | Azizy, Asisi | عزیزی
Nazari | Nazary, Nasari | نظری
Sharifi | Sharify, Scharifi | شریفی
Faizi | Faizy, Feizi | فیضی
Yousufzai | Yusufzai, Yousafzai, Yusufsai | یوسفزی
Mohmand | Momand, Muhmand | مهمند
Hotak | Hotaki, Hottak | هوتک
Durrani | Durani, Dorrani | درانی
Barakzai | Barakzay, Barakzei | بارکزی
Naseri | Nasiri, Nasery | ناصری
Qaderi | Qadiri, Kaderi, Qadery | قادری
Habibi | Habiby, Habeebi | حبیبی
Rasuli | Rasooli, Rassuli, Rasouli | رسولی
Omari | Umari, Omary | عمری
Sediqi | Siddiqi, Sediqui, Sidiqi | صدیقی
Akbari | Akbary, Akhbari | اکبری
Ghafoori | Ghafuri, Gafoori, Ghafouri | غفوری
"""

_IRANIAN_MALE = """
Mohammad | Mohammed, Mohamad, Muhammad | محمد
Ali | Aly | علی
Reza | Resa, Riza | رضا
Hossein | Hosein, Hussein, Hosseyn | حسین
Mehdi | Mahdi, Mehdy | مهدی
Amir | Ameer, Emir | امیر
Saeed | Said, Saied, Saeid | سعید
Hamid | Hameed, Hamied | حمید
Majid | Madjid, Majeed, Madschid | مجید
Behnam | Behnaam, Bahnam | بهنام
Arash | Aarash, Arasch | آرش
Babak | Baabak, Babek | بابک
Dariush | Daryoush, Dariusch, Daryush | داریوش
Kamran | Kamraan, Kameran | کامران
Omid | Omeed, Umid | امید
Payam | Paiam, Payaam | پیام
Farhad | Farhaad, Ferhad | فرهاد
Navid | Naveed, Nawid | نوید
Pouya | Puya, Pooya | پویا
Siavash | Siyavash, Siawasch, Siavosh | سیاوش
Hassan | Hasan | حسن
Javad | Jawad, Djavad, Dschawad | جواد
Ebrahim | Ibrahim, Ebraheem | ابراهیم
Mostafa | Mustafa, Moustafa | مصطفی
Morteza | Mortaza, Murtaza, Mortesa | مرتضی
Mojtaba | Mujtaba, Modschtaba | مجتبی
Hamed | Haamed | حامد
Kourosh | Kurosh, Kuroush, Kurosch | کوروش
Milad | Meelad, Milaad | میلاد
Shahram | Schahram, Shahraam | شهرام
"""

_IRANIAN_FEMALE = """
Fatemeh | Fatima, Fatemah, Fateme | فاطمه
Zahra | Sahra, Zahraa | زهرا
Maryam | Mariam, Maryem | مریم
Sara | Sarah | سارا
Narges | Nargis, Narjes | نرگس
Leila | Leyla, Layla, Laila | لیلا
Shirin | Shireen, Schirin | شیرین
Mahsa | Mahssa, Mahsaa | مهسا
Parisa | Parissa, Parysa | پریسا
Nasrin | Nasreen, Nassrin | نسرین
Azadeh | Azade, Asadeh | آزاده
Roya | Roja, Rouya | رویا
Mina | Meena, Minah | مینا
Neda | Nedaa, Nida | ندا
Samira | Sameera, Samireh | سمیرا
Elham | Elhaam, Ilham | الهام
Shiva | Schiva, Shivaa | شیوا
Golnaz | Gulnaz, Golnas | گلناز
Niloufar | Nilufar, Niloofar, Nilofar | نیلوفر
Setareh | Setare, Sitara | ستاره
Yasaman | Yasamin, Jasaman, Yassaman | یاسمن
Bahar | Bahaar | بهار
Parvaneh | Parwaneh, Parvane | پروانه
Mahnaz | Mahnas, Mahnaaz | مهناز
Somayeh | Somaye, Sumayyah, Somaieh | سمیه
Zeinab | Zainab, Zaynab | زینب
Masoumeh | Masoume, Massumeh, Masuma | معصومه
Ziba | Siba, Zibaa | زیبا
Farnaz | Farnas, Farnaaz | فرناز
Atefeh | Atefe, Atifa | عاطفه
"""

_IRANIAN_FAMILY = """
Hosseini | Hosseyni, Husseini, Hoseini | حسینی
Rezaei | Rezaee, Rezaie, Resaei | رضایی
Mohammadi | Mohamadi, Muhammadi | محمدی
Karimi | Karimy, Kerimi | کریمی
Jafari | Jafary, Jaafari, Dschafari | جعفری
Ahmadi | Ahmady, Achmadi | احمدی
Moradi | Morady, Muradi | مرادی
Rahimi | Rahimy, Rahemi | رحیمی
Heidari | Heydari, Haidari | حیدری
Sadeghi | Sadeqi, Sadegi, Sadeghy | صادقی
Ghasemi | Qasemi, Gasemi, Ghassemi | قاسمی
Hashemi | Hashimi, Haschemi | هاشمی
Mousavi | Musavi, Moussavi, Musawi | موسوی
Kazemi | Kazimi, Kasemi | کاظمی
Ebrahimi | Ibrahimi, Ebrahimy | ابراهیمی
Najafi | Nadschafi, Najafy | نجفی
Rostami | Rustami, Rostamy | رستمی
Safari | Safary, Saffari | صفری
Bagheri | Baqeri, Bageri, Baghery | باقری
Abbasi | Abassi, Abbasy | عباسی
Tehrani | Teherani, Tehrany | تهرانی
Shirazi | Schirazi, Shirazy | شیرازی
Esfahani | Isfahani, Esfahany | اصفهانی
Zarei | Zareei, Sarei, Zaree | زارعی
Amini | Aminy, Ameeni | امینی
Yazdani | Jasdani, Yazdany | یزدانی
Mirzaei | Mirzaie, Mirsaei, Mirzaee | میرزایی
Asadi | Assadi, Asady | اسدی
Farahani | Farahany, Ferahani | فراهانی
Hosseinzadeh | Hossein Zadeh, Hosseinsadeh, Hosseinzade | حسین زاده
Alipour | Ali Pour, Alipur, Alipoor | علی پور
"""

_ERITREAN_MALE = """
Yonas | Jonas, Yonnas | ዮናስ
Dawit | David, Dawet | ዳዊት
Samuel | Semuel, Samwel | ሳሙኤል
Robel | Robiel, Rubel | ሮቤል
Filmon | Filimon, Philemon, Filmun | ፊልሞን
Mehari | Mihari, Meharie, Mhari | መሓሪ
Tekle | Teckle, Tekleh | ተኽለ
Tesfay | Tesfaye, Tesfai, Tesfaj | ተስፋይ
Haile | Hayle, Haili | ሃይለ
Berhane | Birhane, Berhan, Brhane | ብርሃነ
Kidane | Kidana, Kedane, Kidan | ኪዳነ
Ghebremedhin | Gebremedhin, Ghebremedin, Ghebre Medhin | ገብረመድህን
Tesfamariam | Tesfamaryam, Tesfa Mariam, Tesfamariyam | ተስፋማርያም
Habte | Habtie, Hapte | ሃብተ
Goitom | Goitum, Gouitom, Goytom | ጎይቶም
Amanuel | Emanuel, Amanual, Emmanuel | ኣማኑኤል
Biniam | Biniyam, Binyam, Beniam | ቢንያም
Daniel | Danel, Danial | ዳንኤል
Michael | Mikael, Mikiel, Michel | ሚካኤል
Yohannes | Johannes, Yohanes, Yohanis | ዮሃንስ
Solomon | Selomon, Salomon | ሰሎሞን
Merhawi | Merhawie, Mirhawi | መርሓዊ
Efrem | Ephrem, Efrim | ኤፍሬም
Henok | Enoch, Hanok, Hennok | ሄኖክ
Mussie | Musie, Musse, Mose | ሙሴ
Natnael | Nathnael, Natanael, Nathanael | ናትናኤል
Tewelde | Teweldeh, Tewolde | ተወልደ
Zeray | Zerai, Seray | ዘራይ
Abraham | Abrham, Abreham, Abrehem | ኣብርሃም
Aron | Aaron, Haron | ኣሮን
Senay | Sennay, Senai | ሰናይ
Idris | Idriss, Edris | እድሪስ
"""

_ERITREAN_FEMALE = """
Helen | Hellen, Helena | ሄለን
Selam | Salam, Sellam | ሰላም
Senait | Senayt, Seneit, Senaet | ሰናይት
Luwam | Luam, Lwam | ሉዋም
Saba | Sabba | ሳባ
Rahel | Rachel, Rahiel | ራሄል
Hiwet | Hiwot, Hewet, Hywet | ሕይወት
Freweini | Freweyni, Frewini, Freweni | ፍረወይኒ
Mebrat | Mebrhat, Mibrat | መብራት
Semhar | Semhare, Simhar | ሰምሃር
Yordanos | Jordanos, Yordanus | ዮርዳኖስ
Ruta | Rutha, Roota | ሩታ
Feven | Fiven, Fevin | ፌቨን
Winta | Whinta, Weinta | ዊንታ
Tsega | Tsegga, Tsegha | ጸጋ
Abeba | Abebba | ኣበባ
Almaz | Almas, Elmaz | ኣልማዝ
Aster | Astier, Esther | ኣስቴር
Azieb | Aziab, Azeb, Azib | ዓዚብ
Elsa | Elssa, Elza | ኤልሳ
Mihret | Mhret, Mehret, Mihiret | ምሕረት
Nebiat | Nebyat, Nabiat | ነብያት
Samrawit | Semrawit, Samrawet | ሳምራዊት
Tirhas | Terhas, Trhas, Tirhass | ትርሓስ
Lidia | Lydia, Lidya | ሊድያ
Meron | Meeron, Miron | ሜሮን
Yohana | Johanna, Yohanna | ዮሃና
Selamawit | Selamawet, Slamawit | ሰላማዊት
Hanna | Hana, Hannah | ሃና
Amna | Amina, Emna | ኣምና
"""

# Eritreans carry their father's given name as the family name.
_ERITREAN_FAMILY = """
Ghebremariam | Gebremariam, Gebremaryam, Ghebre Mariam | ገብረማርያም
Tesfay | Tesfaye, Tesfai | ተስፋይ
Kidane | Kidana, Kedane | ኪዳነ
Haile | Hayle | ሃይለ
Andom | Andum, Andoum | ኣንዶም
Tekle | Teckle, Tekleh | ተኽለ
Woldu | Weldu, Wuldu | ወልዱ
Habtom | Habtum, Habtem | ሃብቶም
Mehari | Mihari, Meharie | መሓሪ
Ghebremichael | Gebremichael, Gebremikael, Ghebre Michael | ገብረሚካኤል
Asmerom | Asmerum, Asmeron | ኣስመሮም
Yemane | Yemani, Jemane | የማነ
Ghirmay | Girmay, Ghirmai, Germay | ግርማይ
Negash | Negasch, Nigash | ነጋሽ
Abraha | Abreha, Abrha | ኣብርሃ
Tesfamichael | Tesfamikael, Tesfa Michael | ተስፋሚካኤል
Okbay | Okbai, Ogbay, Okubay | ዑቕባይ
Fikadu | Fikkadu, Fekadu | ፍቓዱ
Kahsay | Kahsai, Kasay | ካሕሳይ
Zerezghi | Zeresghi, Zerezgi, Zeresgi | ዘርእዝጊ
Teklehaimanot | Tekle Haimanot, Teklehaymanot | ተኽለሃይማኖት
Andemariam | Andemaryam, Ande Mariam | ዓንደማርያም
Welday | Weldai, Woldai, Wolday | ወልዳይ
Hailemariam | Haile Mariam, Haylemariam | ሃይለማርያም
Sium | Seyoum, Siyum, Syum | ስዩም
Tewolde | Tewelde, Teweldu | ተወልደ
Isaak | Isaac, Yisak, Ishak | ይስሓቅ
Osman | Usman, Othman | ዑስማን
Idris | Edris, Idriss | እድሪስ
Ghebreyesus | Gebreyesus, Ghebre Yesus, Gebreyesous | ገብረየሱስ
Bereket | Bereked, Briket | በረከት
Weldemichael | Woldemichael, Welde Michael, Woldemikael | ወልደሚካኤል
Tsegai | Tsegay, Tseggai, Tsegaye | ጸጋይ
"""

# Somali is written in Latin; the variants are the Somali orthography (c for
# the ayin, x for the h of Maxamed, doubled vowels) and English spellings.
_SOMALI_MALE = """
Mohamed | Maxamed, Mohammed, Muhammad, Mohamad
Abdi | Cabdi, Abdie
Abdirahman | Cabdiraxmaan, Abdirahmaan, Abdurahman
Abdullahi | Cabdullaahi, Abdulahi, Abdillahi
Ahmed | Axmed, Ahmad
Ali | Cali, Aly
Hassan | Xasan, Hasan
Hussein | Xuseen, Husein, Hussen
Omar | Cumar, Umar
Osman | Cismaan, Usman, Othman
Yusuf | Yuusuf, Yousuf, Yusef
Ibrahim | Ibraahim, Ibrahiim
Ismail | Ismaaciil, Ismacil, Ismael
Abdikarim | Cabdikariim, Abdikariim, Abdulkarim
Abdiaziz | Cabdicasiis, Abdulaziz, Abdiasis
Farah | Faarax, Farax
Hamza | Xamse, Hamse, Hamsa
Khalid | Khaalid, Khaled
Mahad | Mahaad, Mahat
Mustafe | Mustafa, Mustaf
Said | Saciid, Saeed, Sayid
Liban | Liibaan, Libaan
Guled | Guuleed, Guleed
Bashir | Bashiir, Bachir
Jama | Jaamac, Jamac
Nur | Nuur, Noor
Aden | Aadan, Adan
Abdiwali | Cabdiwali, Abdulwali
Mukhtar | Mukhtaar, Muktar
Dahir | Daahir, Daher
"""

_SOMALI_FEMALE = """
Fadumo | Faadumo, Fatuma, Fatima
Amina | Aamina, Amiina
Hodan | Hoodan
Asha | Caasha, Aisha, Aysha
Halima | Xaliimo, Halimo, Haliima
Khadija | Khadiija, Hadija, Khadijo
Maryan | Maryam, Mariam, Mariyan
Sahra | Zahra, Sahro
Hawa | Xaawo, Hawo, Hawaa
Ayan | Ayaan, Ayana
Nimco | Nimo, Nimca
Sagal | Saagal, Sagaal
Hibo | Hiibo, Hibbo
Ifrah | Ifraax, Ifra
Deeqa | Deka, Deqa
Farhiya | Farxiyo, Farhiyo, Farhia
Ubah | Ubax, Ubaah
Nasra | Nasro, Nasrah
Safiya | Saafiya, Safia, Safiyo
Suad | Sucaad, Suaad, Souad
Leyla | Layla, Leila, Leylo
Naima | Nacima, Naciimo, Naeema
Zamzam | Samsam, Zam Zam
Ilhan | Ilhaan
Kowsar | Kawsar, Kausar, Kowser
Anisa | Aniisa, Annisa
Ruqiya | Ruqiyo, Rukiya, Ruqia
Hamdi | Xamdi, Hamdy
Shukri | Shukrii, Schukri
Muna | Muuna, Mona
"""

# Somalis, like Eritreans, carry their father's (and grandfather's) name.
_SOMALI_FAMILY = """
Mohamed | Maxamed, Mohammed, Mohamad
Abdi | Cabdi, Abdie
Ahmed | Axmed, Ahmad
Ali | Cali, Aly
Hassan | Xasan, Hasan
Hussein | Xuseen, Husein
Omar | Cumar, Umar
Osman | Cismaan, Usman
Yusuf | Yuusuf, Yousuf
Ibrahim | Ibraahim, Ibrahiim
Ismail | Ismaaciil, Ismael
Farah | Faarax, Farax
Jama | Jaamac, Jamac
Nur | Nuur, Noor
Aden | Aadan, Adan
Warsame | Warsama, Warsami
Hirsi | Xirsi, Hersi
Dahir | Daahir, Daher
Abdullahi | Cabdullaahi, Abdulahi
Mohamud | Maxamuud, Mahamud, Mohamoud
Egal | Cigaal, Igal
Elmi | Cilmi, Ilmi
Duale | Ducaale, Dualeh
Abdulle | Cabdulle, Abdule
Awale | Cawaale, Awaleh
Gedi | Geedi, Gedie
Salad | Salaad, Salat
Shire | Shiire, Shireh
Yasin | Yaasiin, Yassin
Samatar | Samater, Sammatar
Barre | Bare, Barreh
Musse | Muuse, Musa, Mussa
Guled | Guuleed, Guleed
Abdirahman | Cabdiraxmaan, Abdurahman
"""

# Turkish names are Latin; the variants are the spellings without Turkish
# letters and the German transcriptions of older documents.
_TURKISH_MALE = """
Mehmet | Mehmed, Memet
Ahmet | Ahmed, Achmet
Mustafa | Mustapha, Moustafa
Hüseyin | Huseyin, Hueseyin, Hüsseyin
Hasan | Hassan
İbrahim | Ibrahim
İsmail | Ismail, Ismael
Ömer | Omer, Oemer
Yusuf | Jusuf, Yussuf
Murat | Murad
Süleyman | Suleyman, Sueleyman, Suleiman
Gökhan | Gokhan, Goekhan
Özcan | Ozcan, Oezcan
Ümit | Umit, Uemit
Barış | Baris, Barish
Çağlar | Caglar, Chaglar
Uğur | Ugur
Yiğit | Yigit, Jigit
Görkem | Gorkem, Goerkem
Oğuz | Oguz, Ogus
Doğan | Dogan, Doan
Kürşat | Kursat, Kuersat
Şükrü | Sukru, Suekrue, Schükrü
Halil | Khalil, Chalil
Yunus | Junus, Younes
Yasin | Yassin, Jasin
Çetin | Cetin, Tschetin
Tuğrul | Tugrul, Tughrul
Mahmut | Mahmud, Machmut
Recep | Redzep, Rejep
Kemal | Kamal
"""

_TURKISH_FEMALE = """
Ayşe | Ayse, Aysche, Aishe
Fatma | Fatima, Fadma
Zeynep | Zeinep, Zeynab
Emine | Emina, Amina
Hatice | Hatidsche, Hadice
Meryem | Meriem, Maryam
Şeyma | Seyma, Schejma
Büşra | Busra, Buesra
Özlem | Ozlem, Oezlem
Sümeyye | Sumeyye, Suemeyye, Sümeye
Hülya | Hulya, Huelya
Çiğdem | Cigdem, Tschigdem
Songül | Songul, Songuel
Ayşegül | Aysegul, Ayseguel
Gökçe | Gokce, Goekce
Yıldız | Yildiz, Jildis
Tuğba | Tugba
Şükran | Sukran, Schükran
Nurgül | Nurgul, Nurguel
Müge | Muge, Muege
Gülistan | Gulistan, Guelistan
Kübra | Kubra, Kuebra
Rabia | Rabiya, Rabiye
Gülsüm | Gulsum, Guelsuem
Gülay | Gulay, Guelay
Hacer | Hadscher, Hajar
Sevgül | Sevgul, Sevguel
Özge | Ozge, Oezge
Nazlı | Nazli, Nazly
Aslı | Asli, Asly
"""

_TURKISH_FAMILY = """
Yılmaz | Yilmaz, Jilmaz
Kaya | Kaja
Demirtaş | Demirtas, Demirtasch
Şahin | Sahin, Schahin
Çelik | Celik, Tschelik
Yıldız | Yildiz, Jildiz
Yıldırım | Yildirim, Jildirim
Öztürk | Ozturk, Oeztuerk
Aydın | Aydin, Aidin
Özdemir | Ozdemir, Oezdemir
Arslan | Aslan
Doğan | Dogan, Doan
Kılıç | Kilic, Kilitsch
Çetin | Cetin, Tschetin
Koç | Koc, Kotsch
Özkan | Ozkan, Oezkan
Şimşek | Simsek, Schimschek
Erdoğan | Erdogan, Erdoan
Güneş | Gunes, Guenes
Uçar | Ucar, Utschar
Akgül | Akgul, Akguel
Ünal | Unal, Uenal
Aktaş | Aktas, Aktasch
Güler | Guler, Gueler
Tunç | Tunc, Tuntsch
Avcı | Avci, Awci
Özer | Ozer, Oezer
Ateş | Ates, Atesch
Işık | Isik, Ischik
Karataş | Karatas, Karatasch
Bozkurt | Boskurt
Türkmen | Turkmen, Tuerkmen
Polat | Pulat
"""

_UKRAINIAN_MALE = """
Oleksandr | Aleksandr, Olexandr, Oleksander | Олександр
Serhiy | Serhii, Sergii, Sergiy, Serhij | Сергій
Andriy | Andrii, Andrij, Andrey | Андрій
Dmytro | Dmitro, Dmitriy | Дмитро
Volodymyr | Wolodymyr, Vladimir | Володимир
Mykola | Mikola, Nikolai | Микола
Ivan | Iwan | Іван
Vasyl | Wassyl, Vasil, Vasiliy | Василь
Yuriy | Yurii, Jurij, Yuri | Юрій
Oleh | Oleg | Олег
Ihor | Igor | Ігор
Bohdan | Bogdan | Богдан
Maksym | Maksim, Maxim | Максим
Artem | Artiom, Artjom, Artyom | Артем
Vitaliy | Vitalii, Witalij | Віталій
Pavlo | Pawlo, Pavel | Павло
Petro | Petr, Pjotr | Петро
Yevhen | Yevgen, Evgen, Jewhen, Evgeniy | Євген
Vadym | Vadim, Wadym | Вадим
Anatoliy | Anatolii, Anatolij | Анатолій
Mykhailo | Mykhaylo, Michailo, Mikhail | Михайло
Denys | Denis | Денис
Kyrylo | Kirill, Kyrilo | Кирило
Danylo | Danilo, Danila | Данило
Yaroslav | Jaroslaw, Iaroslav | Ярослав
Stanislav | Stanislaw | Станіслав
Valentyn | Valentin, Walentyn | Валентин
Viktor | Wiktor, Victor | Віктор
Hennadiy | Hennadii, Gennadiy | Геннадій
Tymofiy | Tymofii, Timofey | Тимофій
Matviy | Matvii, Matvey | Матвій
"""

_UKRAINIAN_FEMALE = """
Olena | Elena, Yelena | Олена
Nataliia | Natalia, Nataliya, Natalija | Наталія
Iryna | Irina | Ірина
Tetiana | Tetyana, Tatiana, Tatjana | Тетяна
Svitlana | Svetlana, Swetlana | Світлана
Oksana | Oxana | Оксана
Yuliia | Yulia, Julija, Iuliia | Юлія
Kateryna | Katerina, Ekaterina | Катерина
Anastasiia | Anastasia, Anastasiya, Anastasija | Анастасія
Mariia | Maria, Mariya, Marija | Марія
Olha | Olga | Ольга
Halyna | Galina, Galyna | Галина
Liudmyla | Lyudmyla, Ludmila, Ljudmyla | Людмила
Valentyna | Valentina, Walentyna | Валентина
Viktoriia | Viktoria, Victoria, Wiktorija | Вікторія
Dariia | Daria, Darya, Darija | Дарія
Sofiia | Sofia, Sofiya, Sofija | Софія
Yana | Jana, Iana | Яна
Khrystyna | Khristina, Christina, Chrystyna | Христина
Larysa | Larisa, Larissa | Лариса
Nadiia | Nadiya, Nadia, Nadija | Надія
Liliia | Lilia, Liliya, Lilija | Лілія
Vira | Wira, Vera | Віра
Lesia | Lesya, Lessja | Леся
Zoriana | Zoryana, Sorjana | Зоряна
Ivanna | Iwanna | Іванна
Hanna | Ganna, Anna | Ганна
Valeriia | Valeria, Valerija | Валерія
Yevheniia | Yevgeniya, Evgenia, Jewgenija | Євгенія
"""

# Written in the masculine form; the feminine is derived by _FEMININE_SUFFIXES.
_UKRAINIAN_FAMILY = """
Kovalenko | Kowalenko | Коваленко
Shevchenko | Schewtschenko, Sevcenko, Shevtchenko | Шевченко
Bondarenko | Bondarenco | Бондаренко
Tkachenko | Tkatschenko, Tkachenco | Ткаченко
Kravchenko | Krawtschenko, Kravtchenko | Кравченко
Savchenko | Sawtschenko, Savtchenko | Савченко
Marchenko | Martschenko, Martchenko | Марченко
Kharchenko | Chartschenko, Kharchenco | Харченко
Lysenko | Lyssenko, Lissenko | Лисенко
Pavlenko | Pawlenko | Павленко
Levchenko | Lewtschenko | Левченко
Klymenko | Klimenko | Клименко
Melnyk | Melnik, Mielnik | Мельник
Boyko | Boiko, Bojko | Бойко
Kovalchuk | Kowaltschuk, Kowalchuk | Ковальчук
Tkachuk | Tkatschuk | Ткачук
Polishchuk | Polischtschuk, Polishuk | Поліщук
Savchuk | Sawtschuk | Савчук
Oliynyk | Oliinyk, Olijnyk | Олійник
Kravets | Krawez, Kravec | Кравець
Moroz | Moros | Мороз
Honcharenko | Gontscharenko, Goncharenko, Hontscharenko | Гончаренко
Hrytsenko | Gritsenko, Hryzenko, Hrycenko | Гриценко
Tymoshenko | Timoschenko, Tymoschenko, Timoshenko | Тимошенко
Babych | Babytsch, Babich | Бабич
Zaporozhets | Saporoshez, Zaporozhec | Запорожець
Ivanov | Iwanow, Ivanow | Іванов
Petrov | Petrow | Петров
Sokolov | Sokolow | Соколов
Kuzmin | Kusmin | Кузьмін
Kovalskyi | Kovalskyy, Kowalskyj, Kovalskiy | Ковальський
Vyshnevskyi | Vyshnevskyy, Wyschnewskyj, Vishnevskiy | Вишневський
Zhuravskyi | Zhuravskyy, Shurawskyj, Zhuravskiy | Журавський
Kozlovskyi | Kozlovskyy, Koslowskyj, Kozlovskiy | Козловський
"""

_RUSSIAN_MALE = """
Aleksandr | Alexander, Alexandr, Aleksander | Александр
Sergei | Sergey, Sergej, Serguei | Сергей
Dmitry | Dmitri, Dmitrij, Dmitriy | Дмитрий
Andrei | Andrey, Andrej | Андрей
Alexei | Aleksei, Alexey, Alexej, Aleksey | Алексей
Mikhail | Michail, Mikhael | Михаил
Ivan | Iwan | Иван
Nikolai | Nikolay, Nikolaj, Nicolai | Николай
Vladimir | Wladimir, Vladimyr | Владимир
Yevgeny | Evgeny, Evgenij, Jewgeni, Yevgeniy | Евгений
Maxim | Maksim, Maksym | Максим
Artyom | Artem, Artjom, Artiom | Артём
Pavel | Pawel | Павел
Yuri | Yury, Juri, Jurij, Yuriy | Юрий
Viktor | Victor, Wiktor | Виктор
Konstantin | Konstantyn, Constantin | Константин
Denis | Dennis | Денис
Kirill | Kiril, Kyrill | Кирилл
Vadim | Wadim | Вадим
Anatoly | Anatoli, Anatolij, Anatoliy | Анатолий
Grigory | Grigori, Grigorij, Grigoriy | Григорий
Timur | Timour, Temur | Тимур
Valery | Valeri, Valerij, Waleri | Валерий
Vyacheslav | Viacheslav, Wjatscheslaw, Vjaceslav | Вячеслав
Ilya | Ilja, Ilia, Iliya | Илья
Stanislav | Stanislaw | Станислав
Yaroslav | Jaroslaw, Iaroslav | Ярослав
Gennady | Gennadi, Gennadij, Gennadiy | Геннадий
Fyodor | Fedor, Fjodor, Feodor | Фёдор
Yegor | Egor, Jegor | Егор
Matvei | Matvey, Matwej | Матвей
"""

_RUSSIAN_FEMALE = """
Elena | Yelena, Jelena | Елена
Natalya | Natalia, Natalja, Natalija | Наталья
Tatyana | Tatiana, Tatjana | Татьяна
Svetlana | Swetlana | Светлана
Yekaterina | Ekaterina, Jekaterina | Екатерина
Anastasia | Anastasiya, Anastasija | Анастасия
Maria | Mariya, Marija | Мария
Yulia | Julia, Yuliya, Julija | Юлия
Lyudmila | Ljudmila, Ludmila, Liudmila | Людмила
Valentina | Walentina | Валентина
Viktoria | Victoria, Viktorija, Wiktorija | Виктория
Darya | Daria, Darja, Dariya | Дарья
Sofia | Sofiya, Sofija, Sophia | София
Ksenia | Kseniya, Xenia, Ksenija | Ксения
Yevgenia | Evgenia, Jewgenija, Evgeniya | Евгения
Alyona | Aljona, Alena, Aliona | Алёна
Kristina | Christina | Кристина
Nadezhda | Nadeschda, Nadezda, Nadejda | Надежда
Vera | Wera | Вера
Larisa | Larissa | Лариса
Lyubov | Ljubow, Liubov, Lubov | Любовь
Zhanna | Shanna, Jeanna | Жанна
Yana | Jana, Iana | Яна
Valeria | Valeriya, Walerija | Валерия
Veronika | Veronica, Weronika | Вероника
Yelizaveta | Elizaveta, Jelisaweta, Elisaveta | Елизавета
Zoya | Soja, Zoja | Зоя
Ulyana | Uljana, Uliana | Ульяна
Taisiya | Taisia, Taissija | Таисия
"""

_RUSSIAN_FAMILY = """
Ivanov | Iwanow, Ivanoff | Иванов
Smirnov | Smirnow, Smirnoff | Смирнов
Kuznetsov | Kusnezow, Kuznecov, Kuznetsoff | Кузнецов
Popov | Popow, Popoff | Попов
Vasilyev | Wassiljew, Vasiliev, Vasilev | Васильев
Petrov | Petrow, Petroff | Петров
Sokolov | Sokolow | Соколов
Mikhailov | Michailow, Mikhaylov | Михайлов
Novikov | Nowikow | Новиков
Fyodorov | Fedorov, Fjodorow | Фёдоров
Morozov | Morosow | Морозов
Volkov | Wolkow | Волков
Alekseyev | Alexejew, Alekseev | Алексеев
Lebedev | Lebedew | Лебедев
Semyonov | Semenov, Semjonow | Семёнов
Yegorov | Egorov, Jegorow | Егоров
Pavlov | Pawlow | Павлов
Kozlov | Koslow | Козлов
Stepanov | Stepanow | Степанов
Nikolayev | Nikolaev, Nikolajew | Николаев
Orlov | Orlow | Орлов
Andreyev | Andreev, Andrejew | Андреев
Makarov | Makarow | Макаров
Zakharov | Sacharow, Zaharov | Захаров
Zaitsev | Saizew, Zaytsev, Zajcev | Зайцев
Solovyov | Solowjow, Soloviev, Solovyev | Соловьёв
Borisov | Borissow | Борисов
Belov | Below | Белов
Ilyin | Iljin, Ilin | Ильин
Kovalyov | Kowaljow, Kovalev | Ковалёв
Vinogradov | Winogradow | Виноградов
Kovalevsky | Kowalewski, Kovalevskiy, Kowalewskij | Ковалевский
Zhukov | Schukow, Joukov, Zukov | Жуков
Yakovlev | Jakowlew, Iakovlev | Яковлев
"""

_SERBIAN_MALE = """
Nikola | Nicola | Никола
Marko | Marco | Марко
Stefan | Stephan, Štefan | Стефан
Luka | Luca | Лука
Miloš | Milos, Milosch | Милош
Đorđe | Djordje, Dorde, Dzordze | Ђорђе
Dušan | Dusan, Duschan | Душан
Aleksandar | Aleksander, Alexandar, Alexander | Александар
Nemanja | Nemania, Nemanya | Немања
Jovan | Iovan, Yovan | Јован
Vuk | Wuk | Вук
Lazar | Lasar | Лазар
Petar | Peter, Petr | Петар
Zoran | Soran | Зоран
Dejan | Deyan | Дејан
Vladimir | Wladimir | Владимир
Miroslav | Miroslaw | Мирослав
Bojan | Boyan | Бојан
Srđan | Srdjan, Srdan | Срђан
Željko | Zeljko, Zheljko | Жељко
Živko | Zivko, Zhivko | Живко
Radoslav | Radoslaw | Радослав
Ljubomir | Lubomir, Liubomir | Љубомир
Branislav | Branislaw | Бранислав
Dragoljub | Dragolub, Dragoliub | Драгољуб
Uroš | Uros, Urosch | Урош
Nebojša | Nebojsa, Neboisa, Nebojscha | Небојша
Filip | Philipp, Phillip | Филип
Mihajlo | Mihailo, Michajlo | Михајло
Ognjen | Ognien, Ognen | Огњен
"""

_SERBIAN_FEMALE = """
Jelena | Yelena, Elena | Јелена
Milica | Militsa, Miliza, Militza | Милица
Ana | Anna | Ана
Marija | Maria, Mariya | Марија
Jovana | Yovana, Iovana | Јована
Teodora | Theodora | Теодора
Katarina | Catarina, Katharina | Катарина
Ivana | Iwana | Ивана
Snežana | Snezana, Snezhana | Снежана
Ljiljana | Liljana, Lilijana | Љиљана
Vesna | Wesna | Весна
Nataša | Natasa, Natascha, Natasha | Наташа
Tijana | Tiana, Tiyana | Тијана
Sanja | Sania, Sanya | Сања
Dušanka | Dusanka, Duschanka | Душанка
Biljana | Biliana, Bilyana | Биљана
Svetlana | Swetlana | Светлана
Mirjana | Miriana, Miryana | Мирјана
Željka | Zeljka, Zheljka | Жељка
Nevena | Newena | Невена
Danijela | Daniela, Daniella | Данијела
Sofija | Sofia, Sophia | Софија
Anđela | Andjela, Andela, Angela | Анђела
Jasmina | Yasmina | Јасмина
Slađana | Sladjana, Sladana | Слађана
Dragica | Dragitsa, Dragiza | Драгица
Ružica | Ruzica, Ruzhitsa | Ружица
Zorica | Zoritsa, Soriza | Зорица
Kristina | Christina | Кристина
Maja | Maya | Маја
"""

_SERBIAN_FAMILY = """
Jovanović | Jovanovic, Jovanowitsch, Yovanovich | Јовановић
Petrović | Petrovic, Petrowitsch, Petrovich | Петровић
Nikolić | Nikolic, Nikolitsch, Nikolich | Николић
Marković | Markovic, Markowitsch | Марковић
Đorđević | Djordjevic, Dordevic, Djordjewitsch | Ђорђевић
Stojanović | Stojanovic, Stojanowitsch | Стојановић
Ilić | Ilic, Ilitsch | Илић
Stanković | Stankovic, Stankowitsch | Станковић
Pavlović | Pavlovic, Pawlowitsch | Павловић
Milošević | Milosevic, Miloschewitsch | Милошевић
Popović | Popovic, Popowitsch | Поповић
Živković | Zivkovic, Zhivkovic, Schiwkowitsch | Живковић
Todorović | Todorovic, Todorowitsch | Тодоровић
Kostić | Kostic, Kostitsch | Костић
Ristić | Ristic, Ristitsch | Ристић
Lazić | Lazic, Lasitsch | Лазић
Savić | Savic, Sawitsch | Савић
Kovačević | Kovacevic, Kowatschewitsch | Ковачевић
Đukić | Djukic, Dukic | Ђукић
Mitrović | Mitrovic, Mitrowitsch | Митровић
Ranđelović | Randjelovic, Randelovic | Ранђеловић
Lukić | Lukic, Lukitsch | Лукић
Obradović | Obradovic, Obradowitsch | Обрадовић
Simić | Simic, Simitsch | Симић
Milovanović | Milovanovic, Milowanowitsch | Миловановић
Vasić | Vasic, Wassitsch | Васић
Tomić | Tomic, Tomitsch | Томић
Krstić | Krstic, Krstitsch | Крстић
Radovanović | Radovanovic, Radowanowitsch | Радовановић
Jovičić | Jovicic, Jowitschitsch | Јовичић
Bogdanović | Bogdanovic, Bogdanowitsch | Богдановић
"""

# Albanian names appear in records in both the indefinite and the definite
# form (Artan, Artani; Dritë, Drita), and with or without ë and ç.
_ALBANIAN_MALE = """
Artan | Artani
Ilir | Iliri
Arben | Arbeni
Besnik | Besniku
Dritan | Dritani
Fatmir | Fatmiri
Gëzim | Gezim, Gezimi
Gjergj | Gjergji, Gjergi
Ermal | Ermali
Elton | Eltoni
Endrit | Endriti
Erion | Erioni
Klodian | Klodiani
Mentor | Mentori
Ardit | Arditi
Agron | Agroni
Bujar | Bujari
Shpëtim | Shpetim, Shpetimi
Sokol | Sokoli
Valon | Valoni
Arjan | Arjani
Blerim | Blerimi
Florian | Floriani
Kreshnik | Kreshniku
Lulzim | Lulzimi
Xhevdet | Xhevdeti, Dschewdet
Xhemal | Xhemali, Djemal, Cemal
Edmond | Edmondi
Skënder | Skender, Skenderi
Enver | Enveri
Arbër | Arber, Arbri
"""

_ALBANIAN_FEMALE = """
Drita | Dritë, Drite
Blerta | Blertë, Blerte
Lindita | Linditë, Lindite
Valbona | Valbonë, Valbone
Kaltrina | Kaltrinë, Kaltrine
Vjollca | Vjollcë, Viollca, Violca
Xhulia | Julia, Dzhulia
Mimoza | Mimosa, Mimozë
Shqipe | Shqipja, Shkipe
Flutura | Fluturë, Flutur
Arta | Artë
Liridona | Liridonë, Liridone
Teuta | Teutë
Besa | Besë
Merita | Meritë
Elira | Elirë
Entela | Entelë
Fatjona | Fatjonë, Fationa
Jonida | Jonidë, Ionida
Majlinda | Mailinda, Majlindë
Mirela | Mirella, Mirelë
Rovena | Rowena, Rovenë
Suela | Suelë
Zana | Zanë, Sana
Albana | Albanë
Anila | Anilë, Anilla
Edlira | Edlirë
Elona | Elonë
Ornela | Ornella, Ornelë
Dorina | Dorinë
Fatime | Fatimë, Fatima
Hatixhe | Hatice, Hatidze
Emine | Eminë, Emina
"""

_ALBANIAN_FAMILY = """
Krasniqi | Krasnići, Krasniqui, Krasniki
Gashi | Gaši, Gaschi
Berisha | Beriša, Berischa
Hoxha | Hodža, Hodscha
Shala | Šala, Schala
Bytyqi | Bytyçi, Bityqi, Bitići
Kelmendi | Kelmendy, Kelmend
Rexhepi | Redžepi, Redschepi
Hasani | Hassani, Hasan
Ahmeti | Ahmedi, Achmeti
Islami | Islam
Sejdiu | Sejdiju, Seidiu
Zeqiri | Zećiri, Zekiri
Ibrahimi | Ibraimi, Ibrahim
Osmani | Osman
Demiri | Demir
Bajrami | Bajram, Bayrami
Kastrati | Kastrat, Castrati
Dervishi | Derviši, Derwischi
Çela | Cela, Tschela
Leka | Lekë
Shehu | Šehu, Schehu
Xhaferi | Džaferi, Dschaferi, Xhafer
Halili | Halil, Chalili
Thaçi | Thaci, Thatschi, Taçi
Mehmeti | Mehmedi, Memeti
Selimi | Selim
Jashari | Jašari, Jaschari
Beqiri | Bećiri, Bekiri
Qerimi | Ćerimi, Kerimi
Mustafa | Moustafa
Hyseni | Huseni, Hysen
"""

_MACEDONIAN_MALE = """
Aleksandar | Aleksander, Alexandar | Александар
Nikola | Nicola | Никола
Stefan | Stephan | Стефан
Marko | Marco | Марко
Dimitar | Dimitri, Dimitr | Димитар
Zoran | Soran | Зоран
Bojan | Boyan | Бојан
Vlatko | Wlatko | Влатко
Kiril | Kirill, Cyril | Кирил
Trajko | Traiko, Trayko | Трајко
Blagoja | Blagoj, Blagoya | Благоја
Gjorgji | Gjorgi, Gorgi, Djordji | Ѓорѓи
Kosta | Costa | Коста
Toni | Tony | Тони
Filip | Philipp | Филип
Jovan | Yovan | Јован
Petar | Peter, Petre | Петар
Viktor | Victor, Wiktor | Виктор
Vladimir | Wladimir | Владимир
Ljupčo | Ljupco, Lupco, Ljuptscho | Љупчо
Zlatko | Slatko | Златко
Dejan | Deyan | Дејан
Mihail | Michail, Mihajl | Михаил
Borče | Borce, Bortsche | Борче
Ilija | Ilia, Iliya | Илија
Kristijan | Kristian, Christian | Кристијан
Sašo | Saso, Sascho | Сашо
Andrej | Andrei, Andrey | Андреј
Naum | Naoum | Наум
"""

_MACEDONIAN_FEMALE = """
Elena | Jelena, Yelena | Елена
Marija | Maria | Марија
Ana | Anna | Ана
Ivana | Iwana | Ивана
Biljana | Biliana, Bilyana | Билјана
Jasmina | Yasmina | Јасмина
Katerina | Katarina, Caterina | Катерина
Aleksandra | Alexandra | Александра
Sanja | Sania | Сања
Vesna | Wesna | Весна
Snežana | Snezana, Snezhana | Снежана
Daniela | Danijela | Даниела
Kristina | Christina | Кристина
Milica | Militsa | Милица
Nataša | Natasa, Natascha, Natasha | Наташа
Sofija | Sofia | Софија
Liljana | Ljiljana, Lilyana | Лилјана
Verica | Veritsa, Weriza | Верица
Zorica | Zoritsa | Зорица
Slavica | Slavitsa, Slawiza | Славица
Blagica | Blagitsa | Благица
Stojanka | Stoyanka | Стојанка
Valentina | Walentina | Валентина
Emilija | Emilia | Емилија
Teodora | Theodora | Теодора
Frosina | Frossina | Фросина
Elizabeta | Elisabeta, Elisabeth | Елизабета
Dragica | Dragitsa | Драгица
Tanja | Tania, Tanya | Тања
"""

# Written in the masculine form; the feminine is derived by _FEMININE_SUFFIXES.
_MACEDONIAN_FAMILY = """
Trajkovski | Trajkovsky, Traikovski, Trajkowski | Трајковски
Stojanovski | Stojanovsky, Stoyanovski | Стојановски
Nikolovski | Nikolovsky, Nikolowski | Николовски
Petrovski | Petrovsky, Petrowski | Петровски
Jovanovski | Jovanovsky, Yovanovski | Јовановски
Dimitrovski | Dimitrovsky, Dimitrowski | Димитровски
Angelovski | Angelovsky, Angelowski | Ангеловски
Kostovski | Kostovsky, Kostowski | Костовски
Ristovski | Ristovsky, Ristowski | Ристовски
Todorovski | Todorovsky, Todorowski | Тодоровски
Georgievski | Georgievsky, Gjorgjievski, Georgiewski | Георгиевски
Stefanovski | Stefanovsky, Stephanovski | Стефановски
Markovski | Markovsky, Markowski | Марковски
Spasovski | Spasovsky, Spassovski | Спасовски
Krstevski | Krstevsky, Krstewski | Крстевски
Mitrevski | Mitrevsky, Mitrewski | Митревски
Velkovski | Velkovsky, Welkowski | Велковски
Janevski | Janevsky, Yanevski | Јаневски
Zdravkovski | Zdravkovsky, Sdrawkowski | Здравковски
Blaževski | Blazevski, Blazhevski, Blaschewski | Блажевски
Ivanovski | Ivanovsky, Iwanowski | Ивановски
Pavlovski | Pavlovsky, Pawlowski | Павловски
Iliev | Ilijev, Iliew | Илиев
Stojanov | Stoyanov, Stojanow | Стојанов
Petrov | Petrow | Петров
Dimitrov | Dimitrow | Димитров
Nikolov | Nikolow | Николов
Popov | Popow | Попов
Georgiev | Gjorgjiev, Georgiew | Георгиев
Todorov | Todorow | Тодоров
Angelov | Angelow | Ангелов
"""

_BOSNIAN_MALE = """
Muhamed | Muhammed, Mohamed
Hasan | Hassan
Husein | Hussein, Husejin
Mehmed | Mehmet
Safet | Saffet, Safed
Džemal | Dzemal, Dschemal, Cemal
Ćamil | Camil, Kamil
Šefik | Sefik, Schefik
Šaban | Saban, Schaban
Jasmin | Yasmin, Jassmin
Salih | Saleh, Salich
Sulejman | Suleiman, Suleyman
Tarik | Tarek, Tariq
Mustafa | Mustapha
Hamza | Hamzah
Faruk | Farouk, Faruq
Enes | Anes, Anas
Elvir | Elwir
Alija | Alia, Aliya
Zlatan | Slatan
Amar | Ammar
Dženan | Dzenan, Dschenan
Nihad | Nihat
Zijad | Ziad, Sijad
Redžep | Redzep, Recep
Asim | Assim, Asem
Kemal | Kamal
Adnan | Adnaan
Haris | Hariz, Harris
Nedžad | Nedzad, Nedschad
Muhidin | Muhiddin, Muhyiddin
"""

_BOSNIAN_FEMALE = """
Lejla | Leila, Leyla
Emina | Emine, Amina
Aida | Ajda, Ayda
Selma | Salma
Azra | Asra
Dženana | Dzenana, Dschenana
Šejla | Sejla, Sheila, Schejla
Ajla | Aila, Ayla
Medina | Madina
Hana | Hanna
Sumeja | Sumeya, Sumejja
Zejneba | Zeyneba, Zeineba
Hatidža | Hatidza, Hatidscha, Hatice
Fatima | Fatma, Fatime
Ajša | Ajsa, Aisha, Ajscha
Šemsa | Semsa, Schemsa
Jasmina | Yasmina
Mejra | Meira, Meyra
Emira | Amira
Minela | Minella
Naida | Nayda
Esma | Asma
Hasnija | Hasnia, Hasniya
Adisa | Adissa
Džana | Dzana, Dschana
Munira | Mounira, Munirah
Nejra | Neira, Neyra
Rejhana | Reyhana, Rehana
"""

_BOSNIAN_FAMILY = """
Hodžić | Hodzic, Hodschitsch
Begić | Begic, Begitsch
Delić | Delic, Delitsch
Hadžić | Hadzic, Hadschitsch
Mehmedović | Mehmedovic, Mehmedowitsch
Hasanović | Hasanovic, Hasanowitsch
Alić | Alic, Alitsch
Husić | Husic, Husitsch
Ibrahimović | Ibrahimovic, Ibrahimowitsch
Omerović | Omerovic, Omerowitsch
Halilović | Halilovic, Halilowitsch
Mujić | Mujic, Mujitsch
Suljić | Suljic, Sulic
Ahmetović | Ahmetovic, Achmetowitsch
Salihović | Salihovic, Salihowitsch
Kovačević | Kovacevic, Kowatschewitsch
Muratović | Muratovic, Muratowitsch
Avdić | Avdic, Awditsch
Osmanović | Osmanovic, Osmanowitsch
Softić | Softic, Softitsch
Karić | Karic, Karitsch
Pašić | Pasic, Paschitsch
Mešić | Mesic, Meschitsch
Zukić | Zukic, Sukitsch
Smajić | Smajic, Smajitsch
Čaušević | Causevic, Tschauschewitsch
Šabić | Sabic, Schabitsch
Jusić | Jusic, Yusic
Bešić | Besic, Beschitsch
Ćatić | Catic, Tschatitsch
Džafić | Dzafic, Dschafitsch
Isaković | Isakovic, Isakowitsch
"""

# Nigerian records mix English, Yoruba, Igbo, Edo and Hausa names. Variants
# are the spellings that actually compete (Micheal, Yusuff, Oluseun) and the
# long forms that short names are registered under (Ifeanyi, Ifeanyichukwu).
_NIGERIAN_MALE = """
Chukwuemeka | Chukwu Emeka, Chukwemeka
Oluwaseun | Oluseun
Adebayo | Adebayor
Ibrahim | Ibraheem, Ibrahem
Musa | Mussa, Moussa
Abdullahi | Abdulahi, Abdullah
Emmanuel | Emanuel, Immanuel
Michael | Micheal
Stephen | Steven, Stephan
Godwin | Goodwin
Kingsley | Kinsley, Kingsly
Obinna | Obina
Ikechukwu | Ike Chukwu, Ikechuckwu
Olumide | Oluwamide
Oluwafemi | Olufemi
Oluwatobi | Olutobi
Aliyu | Aliu, Aliyou
Usman | Usmaan, Uthman, Othman
Yusuf | Yusuff, Yussuf, Yusufu
Mohammed | Muhammad, Mohammad, Muhammed
Osagie | Osaghie
Rasheed | Rashid, Rashidi
Abubakar | Abubakr, Aboubakar, Abu Bakar
Idris | Idriss, Idrees
Ifeanyi | Ifeanyichukwu, Ifeanyi-Chukwu
Chidiebere | Chidi Ebere
Uchenna | Uchena
Nnamdi | Namdi
Victor | Viktor
Joseph | Josef
"""

_NIGERIAN_FEMALE = """
Favour | Favor
Esther | Ester
Chidinma | Chidimma
Ngozi | Ngozie, Ngozy
Adaeze | Ada Eze
Amarachi | Amarachukwu
Funmilayo | Olufunmilayo
Oluwabukola | Olubukola, Bukola
Oluwakemi | Olukemi
Aisha | Aishat, Aishatu, Ayesha
Fatima | Fatimat, Fatimah, Fatimatu
Hauwa | Hawa, Hauwau
Zainab | Zainabu, Zaynab
Kafayat | Kafayah, Kafiyat
Hadiza | Hadizat, Khadija
Rukayat | Rukayyat, Ruqayyah, Rukaiyat
Elizabeth | Elisabeth
Rebecca | Rebekah, Rebekka
Deborah | Debora, Debra
Victoria | Viktoria
Stephanie | Stefanie
Nkechi | Nkechinyere
Ifeoma | Ife Oma, Ifeomah
Ebere | Eberechukwu
Chiamaka | Chi Amaka, Amaka
Folasade | Folashade, Sade
Mariam | Mariyam, Maryam
Temitope | Temi
Omolara | Lara
"""

_NIGERIAN_FAMILY = """
Eze | Ezeh
Nwachukwu | Nwachuku, Nwa-Chukwu
Okonkwo | Okonko
Nwankwo | Nwanko
Okeke | Okekeh
Ibe | Ibeh
Chukwu | Chuku
Onyekachi | Onyekachukwu
Ogbonna | Ogbona
Bello | Belo
Abubakar | Abubakr, Aboubakar
Mohammed | Muhammad, Mohammad
Ibrahim | Ibraheem
Yusuf | Yusuff
Suleiman | Sulaiman, Sulaimon
Abdulrahman | Abdurrahman, Abdul-Rahman
Adamu | Adam
Usman | Uthman, Othman
Osagie | Osaghie
Idahosa | Idahossa
Adebayo | Adebayor
Oladipo | Oladipupo
Danjuma | Dan Juma, Danjumma
Sani | Sanni
Aliyu | Aliu
Nnamdi | Namdi
Ekwueme | Ekweme
Uchenna | Uchena
Chukwuemeka | Chukwu Emeka, Chukwemeka
Ifeanyi | Ifeanyichukwu
Obinna | Obina
Emmanuel | Emanuel
"""


# --- Parsing the tables -----------------------------------------------------------

# Arabic article and its spellings: dropped entirely in some records ("Hassan"
# for "Al Hassan").
_DROPPABLE_PARTICLES: Final = ("al", "el")

# Feminine family names of the Slavic tables, by suffix; first match wins, so
# longer suffixes come first. Names whose suffix is not listed are invariant
# (Kovalenko, Melnyk, Jovanović).
_FEMININE_SUFFIXES: Final[Mapping[str, tuple[tuple[str, str], ...]]] = MappingProxyType(
    {
        "UKR": (
            ("ський", "ська"), ("цький", "цька"), ("ов", "ова"), ("ев", "ева"),
            ("єв", "єва"), ("ін", "іна"), ("ин", "ина"),
            ("skyi", "ska"), ("skyy", "ska"), ("skyj", "ska"), ("skiy", "ska"),
            ("ov", "ova"), ("ow", "owa"), ("ev", "eva"), ("ew", "ewa"), ("in", "ina"),
        ),
        "RUS": (
            ("ский", "ская"), ("цкий", "цкая"), ("ов", "ова"), ("ёв", "ёва"),
            ("ев", "ева"), ("ин", "ина"), ("ын", "ына"),
            ("skiy", "skaya"), ("skij", "skaja"), ("sky", "skaya"), ("ski", "skaja"),
            ("off", "ova"), ("ov", "ova"), ("ow", "owa"), ("ev", "eva"), ("ew", "ewa"),
            ("in", "ina"),
        ),
        "MKD": (
            ("ски", "ска"), ("ов", "ова"), ("ев", "ева"),
            ("ski", "ska"), ("sky", "ska"), ("ov", "ova"), ("ow", "owa"), ("ev", "eva"),
            ("ew", "ewa"),
        ),
    }
)  # fmt: skip


def _compound_forms(spellings: Sequence[str]) -> tuple[str, ...]:
    own = frozenset(spellings)
    found: dict[str, None] = {}  # ordered and deduplicated
    for spelling in spellings:
        parts = spelling.replace("-", " ").split()
        if len(parts) < 2:
            continue
        first, rest = parts[0], parts[1:]
        forms = [
            " ".join(parts),
            "-".join(parts),
            first + "".join(part.lower() for part in rest),
        ]
        if first.lower() in _DROPPABLE_PARTICLES:
            forms.append(" ".join(rest))
        for form in forms:
            if form not in own:
                found[form] = None
    return tuple(found)


def _entry(latin: str, variants: Sequence[str], original: str | None) -> NameEntry:
    variants = tuple(dict.fromkeys(v for v in variants if v != latin))
    return NameEntry(latin, variants, original, _compound_forms((latin, *variants)))


def _parse(table: str) -> tuple[NameEntry, ...]:
    entries = []
    for line in table.strip().splitlines():
        latin, _, rest = line.partition("|")
        spellings, _, original = rest.partition("|")
        variants = [v.strip() for v in spellings.split(",") if v.strip()]
        entries.append(_entry(latin.strip(), variants, original.strip() or None))
    return tuple(entries)


def _with_suffix(name: str, rules: Sequence[tuple[str, str]]) -> str:
    for suffix, replacement in rules:
        if name.endswith(suffix):
            return name[: -len(suffix)] + replacement
    return name


def _family(table: str, country: str) -> tuple[FamilyName, ...]:
    rules = _FEMININE_SUFFIXES.get(country, ())
    names = []
    for male in _parse(table):
        latin = _with_suffix(male.latin, rules)
        if latin == male.latin:
            names.append(FamilyName(male, male))
            continue
        variants = [_with_suffix(v, rules) for v in male.variants]
        original = _with_suffix(male.original, rules) if male.original else None
        names.append(FamilyName(male, _entry(latin, variants, original)))
    return tuple(names)


def _table(script: str, male: str, female: str, family: str, country: str) -> NameTable:
    return NameTable(script, _parse(male), _parse(female), _family(family, country))


# Syria and Iraq share their given names, not their family names.
_ARABIC_GIVEN_MALE = _parse(_ARABIC_MALE)
_ARABIC_GIVEN_FEMALE = _parse(_ARABIC_FEMALE)

NAME_TABLES: Final[Mapping[str, NameTable]] = MappingProxyType(
    {
        "UKR": _table("Cyrl", _UKRAINIAN_MALE, _UKRAINIAN_FEMALE, _UKRAINIAN_FAMILY, "UKR"),
        "SYR": NameTable(
            "Arab", _ARABIC_GIVEN_MALE, _ARABIC_GIVEN_FEMALE, _family(_SYRIAN_FAMILY, "SYR")
        ),
        "AFG": _table("Arab", _AFGHAN_MALE, _AFGHAN_FEMALE, _AFGHAN_FAMILY, "AFG"),
        "TUR": _table("Latn", _TURKISH_MALE, _TURKISH_FEMALE, _TURKISH_FAMILY, "TUR"),
        "IRQ": NameTable(
            "Arab", _ARABIC_GIVEN_MALE, _ARABIC_GIVEN_FEMALE, _family(_IRAQI_FAMILY, "IRQ")
        ),
        "IRN": _table("Arab", _IRANIAN_MALE, _IRANIAN_FEMALE, _IRANIAN_FAMILY, "IRN"),
        "RUS": _table("Cyrl", _RUSSIAN_MALE, _RUSSIAN_FEMALE, _RUSSIAN_FAMILY, "RUS"),
        "ERI": _table("Ethi", _ERITREAN_MALE, _ERITREAN_FEMALE, _ERITREAN_FAMILY, "ERI"),
        "NGA": _table("Latn", _NIGERIAN_MALE, _NIGERIAN_FEMALE, _NIGERIAN_FAMILY, "NGA"),
        "SOM": _table("Latn", _SOMALI_MALE, _SOMALI_FEMALE, _SOMALI_FAMILY, "SOM"),
        "SRB": _table("Cyrl", _SERBIAN_MALE, _SERBIAN_FEMALE, _SERBIAN_FAMILY, "SRB"),
        "ALB": _table("Latn", _ALBANIAN_MALE, _ALBANIAN_FEMALE, _ALBANIAN_FAMILY, "ALB"),
        "MKD": _table("Cyrl", _MACEDONIAN_MALE, _MACEDONIAN_FEMALE, _MACEDONIAN_FAMILY, "MKD"),
        "BIH": _table("Latn", _BOSNIAN_MALE, _BOSNIAN_FEMALE, _BOSNIAN_FAMILY, "BIH"),
    }
)


# --- Demography -------------------------------------------------------------------

_T = TypeVar("_T")


class _Weighted(Generic[_T]):
    """A fixed weighted choice, drawn with one `random()` and a bisection."""

    __slots__ = ("_cumulative", "_items", "_last", "_total")

    def __init__(self, pairs: Sequence[tuple[_T, float]]) -> None:
        self._items = tuple(item for item, _ in pairs)
        self._cumulative = tuple(accumulate(weight for _, weight in pairs))
        self._total = self._cumulative[-1]
        self._last = len(self._items) - 1

    def draw(self, rng: random.Random) -> _T:
        # hi= keeps a product rounded up to the total inside the table.
        return self._items[bisect(self._cumulative, rng.random() * self._total, 0, self._last)]


def _pick(rng: random.Random, items: Sequence[_T]) -> _T:
    # Half the cost of rng.choice, which rejection-samples bits; the bias of
    # scaling a float is far too small to show in synthetic data.
    return items[int(rng.random() * len(items))]


_UNKNOWN_BIRTH_DATE_RATE: Final = 0.02
_MONTH_ONLY_RATE: Final = 0.01
_SEX_X_RATE: Final = 0.001
_ORIGINAL_SCRIPT_RATE: Final = 0.5
_EXTRA_SPELLINGS: Final = _Weighted(((0, 0.35), (1, 0.35), (2, 0.2), (3, 0.1)))

_HOUSEHOLDS_DEFAULT: Final = (
    ("single", 0.32), ("couple", 0.12), ("couple_children", 0.40), ("single_parent", 0.16),
)  # fmt: skip
# Many young men arrive alone; families that do come are larger.
_HOUSEHOLDS_FLIGHT: Final = (
    ("single", 0.36), ("couple", 0.07), ("couple_children", 0.44), ("single_parent", 0.13),
)  # fmt: skip
# Men of military age could not leave Ukraine: mothers with children.
_HOUSEHOLDS_UKRAINE: Final = (
    ("single", 0.28), ("couple", 0.10), ("couple_children", 0.20), ("single_parent", 0.42),
)  # fmt: skip
_CHILDREN_DEFAULT: Final = ((1, 0.40), (2, 0.35), (3, 0.15), (4, 0.07), (5, 0.03))
_CHILDREN_LARGE: Final = ((1, 0.20), (2, 0.25), (3, 0.25), (4, 0.17), (5, 0.13))


@dataclass(frozen=True, slots=True)
class _Demography:
    male_share: float
    placeholder_rate: float  # share of people whose birth date is recorded as 1 January
    languages: tuple[tuple[tuple[str, ...], float], ...]
    _: KW_ONLY
    second_given_rate: float = 0.02
    second_given_is_patronymic: bool = False  # the father's name, so always a male name
    wife_keeps_name: bool = False
    households: tuple[tuple[str, float], ...] = _HOUSEHOLDS_DEFAULT
    children: tuple[tuple[int, float], ...] = _CHILDREN_DEFAULT
    single_mother_rate: float = 0.8


# Countries whose records often lack a birth date get the 1 January placeholder
# for a quarter to a third of their people; elsewhere it is rare.
_DEMOGRAPHY: Final[Mapping[str, _Demography]] = MappingProxyType(
    {
        "UKR": _Demography(
            0.38, 0.03,
            ((("uk", "ru"), 0.6), (("uk",), 0.25), (("ru",), 0.1), (("uk", "en"), 0.05)),
            second_given_rate=0.0, households=_HOUSEHOLDS_UKRAINE, single_mother_rate=0.95,
        ),
        "SYR": _Demography(
            0.57, 0.25, ((("ar",), 0.72), (("ar", "ku"), 0.2), (("ar", "en"), 0.08)),
            second_given_rate=0.1, wife_keeps_name=True,
            households=_HOUSEHOLDS_FLIGHT, children=_CHILDREN_LARGE,
        ),
        "AFG": _Demography(
            0.63, 0.33,
            ((("prs",), 0.45), (("prs", "ps"), 0.25), (("ps",), 0.2), (("prs", "en"), 0.1)),
            second_given_rate=0.08, wife_keeps_name=True,
            households=_HOUSEHOLDS_FLIGHT, children=_CHILDREN_LARGE,
        ),
        "TUR": _Demography(
            0.55, 0.03, ((("tr",), 0.7), (("ku", "tr"), 0.25), (("tr", "en"), 0.05)),
            second_given_rate=0.15,
        ),
        "IRQ": _Demography(
            0.55, 0.27, ((("ar",), 0.55), (("ku", "ar"), 0.35), (("ar", "en"), 0.1)),
            second_given_rate=0.1, wife_keeps_name=True,
            households=_HOUSEHOLDS_FLIGHT, children=_CHILDREN_LARGE,
        ),
        "IRN": _Demography(
            0.56, 0.03,
            ((("fa",), 0.7), (("fa", "az"), 0.12), (("fa", "ku"), 0.1), (("fa", "en"), 0.08)),
            second_given_rate=0.1, wife_keeps_name=True,
        ),
        "RUS": _Demography(
            0.45, 0.03, ((("ru",), 0.88), (("ru", "en"), 0.12)),
            second_given_rate=0.0, single_mother_rate=0.85,
        ),
        "ERI": _Demography(
            0.60, 0.30,
            ((("ti",), 0.7), (("ti", "ar"), 0.15), (("ti", "en"), 0.1), (("tig", "ar"), 0.05)),
            second_given_rate=0.35, second_given_is_patronymic=True, wife_keeps_name=True,
            households=_HOUSEHOLDS_FLIGHT, children=_CHILDREN_LARGE,
        ),
        "NGA": _Demography(
            0.55, 0.03,
            (
                (("en",), 0.35), (("en", "yo"), 0.2), (("en", "ig"), 0.15),
                (("en", "bin"), 0.15), (("en", "ha"), 0.1), (("en", "pcm"), 0.05),
            ),
            second_given_rate=0.35, children=_CHILDREN_LARGE,
        ),
        "SOM": _Demography(
            0.55, 0.32, ((("so",), 0.65), (("so", "ar"), 0.2), (("so", "en"), 0.15)),
            second_given_rate=0.45, second_given_is_patronymic=True, wife_keeps_name=True,
            households=_HOUSEHOLDS_FLIGHT, children=_CHILDREN_LARGE,
        ),
        "SRB": _Demography(
            0.51, 0.03, ((("sr",), 0.7), (("sr", "rom"), 0.2), (("sr", "en"), 0.1)),
        ),
        "ALB": _Demography(
            0.53, 0.03, ((("sq",), 0.9), (("sq", "en"), 0.1)),
            second_given_rate=0.1, second_given_is_patronymic=True,
        ),
        "MKD": _Demography(
            0.51, 0.03, ((("mk",), 0.75), (("mk", "sq"), 0.15), (("mk", "en"), 0.1)),
        ),
        "BIH": _Demography(0.50, 0.03, ((("bs",), 0.8), (("bs", "en"), 0.2))),
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Profile:
    """Everything make_identity needs about a country, precomputed at import."""

    code: str
    names: NameTable
    latin_script: bool
    male_cut: float  # random() below _SEX_X_RATE is "x", below this "m", else "f"
    placeholder_cut: float  # random() below _UNKNOWN_BIRTH_DATE_RATE: unknown; below this: 1 Jan
    month_cut: float  # below this: month known, day not
    languages: _Weighted[tuple[str, ...]]
    second_given_rate: float
    second_given_is_patronymic: bool
    wife_keeps_name: bool
    households: _Weighted[str]
    children: _Weighted[int]
    single_mother_rate: float
    birth_places: tuple[str, ...]
    family_by_name: Mapping[str, FamilyName]  # both gendered forms of each family name

    def draw_sex(self, rng: random.Random) -> str:
        r = rng.random()
        if r < _SEX_X_RATE:
            return "x"
        return "m" if r < self.male_cut else "f"


def _profile_for(code: str) -> _Profile:
    demo = _DEMOGRAPHY[code]
    names = NAME_TABLES[code]
    placeholder_cut = _UNKNOWN_BIRTH_DATE_RATE + demo.placeholder_rate
    family_by_name: dict[str, FamilyName] = {}
    for family in names.family:
        family_by_name.setdefault(family.male.latin, family)
        family_by_name.setdefault(family.female.latin, family)
    return _Profile(
        code=code,
        names=names,
        latin_script=names.script == "Latn",
        male_cut=_SEX_X_RATE + (1.0 - _SEX_X_RATE) * demo.male_share,
        placeholder_cut=placeholder_cut,
        month_cut=placeholder_cut + _MONTH_ONLY_RATE,
        languages=_Weighted(demo.languages),
        second_given_rate=demo.second_given_rate,
        second_given_is_patronymic=demo.second_given_is_patronymic,
        wife_keeps_name=demo.wife_keeps_name,
        households=_Weighted(demo.households),
        children=_Weighted(demo.children),
        single_mother_rate=demo.single_mother_rate,
        birth_places=BIRTH_PLACES[code],
        family_by_name=MappingProxyType(family_by_name),
    )


_PROFILES: Final[Mapping[str, _Profile]] = MappingProxyType(
    {code: _profile_for(code) for code in COUNTRIES}
)
_COUNTRY_PICKER: Final = _Weighted([(c.code, c.weight) for c in COUNTRIES.values()])


def _profile(code: str) -> _Profile:
    try:
        return _PROFILES[code]
    except KeyError:
        raise ValueError(f"unknown country {code!r}; known: {', '.join(COUNTRIES)}") from None


# --- Ages and birth dates ---------------------------------------------------------


def _age_weight(age: int) -> float:
    # Age structure of people who fled to Germany: many children and young
    # adults, few old people.
    if age < 18:
        return 1.0
    if age < 25:
        return 1.3
    if age < 35:
        return 1.4
    if age < 45:
        return 1.1
    if age < 55:
        return 0.7
    if age < 65:
        return 0.45
    if age < 75:
        return 0.25
    return 0.1


_MAX_AGE: Final = 110


@lru_cache(maxsize=512)
def _ages(low: int, high: int) -> _Weighted[int]:
    if not 0 <= low <= high <= _MAX_AGE:
        raise ValueError(f"age range must satisfy 0 <= low <= high <= {_MAX_AGE}")
    return _Weighted([(age, _age_weight(age)) for age in range(low, high + 1)])


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a common year
        return day.replace(year=day.year - years, day=28)


@lru_cache(maxsize=4096)
def _birth_days(today: datetime.date, age: int) -> tuple[int, int]:
    """First ordinal and number of the birth days that make someone `age` on `today`."""
    first = _years_before(today, age + 1).toordinal() + 1
    return first, _years_before(today, age).toordinal() - first + 1


def _birth_date(
    rng: random.Random, profile: _Profile, ages: _Weighted[int], today: datetime.date
) -> tuple[datetime.date | None, str, bool]:
    r = rng.random()
    if r < _UNKNOWN_BIRTH_DATE_RATE:
        return None, "unknown", False
    age = ages.draw(rng)
    if r < profile.placeholder_cut:
        # 1 January of the year makes the person exactly `age` today.
        return datetime.date(today.year - age, 1, 1), "year", True
    first, count = _birth_days(today, age)
    born = datetime.date.fromordinal(first + int(rng.random() * count))
    if r < profile.month_cut:
        month = born.replace(day=1)
        if month.toordinal() >= first:  # else the first of the month is a year too old
            return month, "month", False
    return born, "day", False


# --- Spelling variants ------------------------------------------------------------


def _transliterated(
    rng: random.Random, parts: Sequence[NameEntry], family: NameEntry
) -> tuple[str, str] | None:
    entries = (*parts, family)
    changeable = [i for i, entry in enumerate(entries) if entry.variants]
    if not changeable:
        return None
    spelled = [entry.latin for entry in entries]
    # Respell a random non-empty subset of the names that have other spellings.
    subset = 1 + int(rng.random() * ((1 << len(changeable)) - 1))
    for bit, i in enumerate(changeable):
        if subset >> bit & 1:
            spelled[i] = _pick(rng, entries[i].variants)
    return " ".join(spelled[:-1]), spelled[-1]


def _compound_split(
    rng: random.Random, parts: Sequence[NameEntry], family: NameEntry, given: str
) -> tuple[str, str] | None:
    options = [(given, form) for form in family.compound_forms]
    for i, part in enumerate(parts):
        for form in part.compound_forms:
            spelled = [p.latin for p in parts]
            spelled[i] = form
            options.append((" ".join(spelled), family.latin))
    family_words = family.latin.replace("-", " ").split()
    if len(family_words) > 1:  # "Mohammed Abu" + "Bakr"
        options.append((f"{given} {family_words[0]}", " ".join(family_words[1:])))
    given_words = given.split()
    if len(given_words) > 1:  # "Abdi" + "Mohamed Ali"
        options.append((" ".join(given_words[:-1]), f"{given_words[-1]} {family.latin}"))
    return _pick(rng, options) if options else None


def _variants(
    rng: random.Random,
    profile: _Profile,
    parts: Sequence[NameEntry],
    family: NameEntry,
    given: str,
) -> tuple[NameVariant, ...]:
    original = not profile.latin_script and rng.random() < _ORIGINAL_SCRIPT_RATE
    extra = _EXTRA_SPELLINGS.draw(rng)
    if not original and not extra:
        return ()
    seen = [(given, family.latin)]
    found: list[NameVariant] = []
    if original and family.original and all(part.original for part in parts):
        spelled = (" ".join(part.original or "" for part in parts), family.original)
        seen.append(spelled)
        found.append(NameVariant(spelled[0], spelled[1], "original_script"))
    wanted = min(3, len(found) + extra)
    attempts = 0
    while len(found) < wanted and attempts < 6:
        attempts += 1
        r = rng.random()
        kind = "transliteration"
        candidate: tuple[str, str] | None = None
        if r < 0.12:
            kind, candidate = "swapped", (family.latin, given)
        elif r < 0.32:
            candidate = _compound_split(rng, parts, family, given)
            if candidate is not None:
                kind = "compound_split"
        if candidate is None:
            candidate = _transliterated(rng, parts, family)
        if candidate is None or candidate in seen:
            continue
        seen.append(candidate)
        found.append(NameVariant(candidate[0], candidate[1], kind))
    return tuple(found)


# --- Identities -------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _custom_family(name: str) -> FamilyName:
    entry = _entry(name, (), None)
    return FamilyName(entry, entry)


def _identity(
    rng: random.Random,
    profile: _Profile,
    sex: str | None,
    ages: _Weighted[int],
    today: datetime.date,
    family: FamilyName | None,
) -> SyntheticIdentity:
    if sex is None:
        sex = profile.draw_sex(rng)
    # People of sex "x" still carry a name, and a family name form, of one sex.
    form = sex if sex != "x" else ("m" if rng.random() < 0.5 else "f")
    names = profile.names
    pool = names.male if form == "m" else names.female
    first = _pick(rng, pool)
    parts: tuple[NameEntry, ...] = (first,)
    if rng.random() < profile.second_given_rate:
        second = _pick(rng, names.male if profile.second_given_is_patronymic else pool)
        if second.latin != first.latin:
            parts = (first, second)
    if family is None:
        family = _pick(rng, names.family)
        if family.male.latin == first.latin:  # "Ali Ali": draw once more
            family = _pick(rng, names.family)
    family_entry = family.female if form == "f" else family.male
    given = first.latin if len(parts) == 1 else f"{first.latin} {parts[1].latin}"
    birth_date, precision, placeholder = _birth_date(rng, profile, ages, today)
    return SyntheticIdentity(
        given_names=given,
        family_name=family_entry.latin,
        sex=sex,
        country=profile.code,
        languages=profile.languages.draw(rng),
        birth_date=birth_date,
        birth_date_precision=precision,
        birth_date_placeholder=placeholder,
        variants=_variants(rng, profile, parts, family_entry, given),
        birth_place=_pick(rng, profile.birth_places),
    )


def pick_country(rng: random.Random) -> str:
    """An ISO 3166-1 alpha-3 code from COUNTRIES, drawn by weight."""
    return _COUNTRY_PICKER.draw(rng)


def make_identity(
    rng: random.Random,
    *,
    country: str | None = None,
    sex: str | None = None,
    age_range: tuple[int, int] = (0, 70),
    today: datetime.date = DEFAULT_TODAY,
    family_name: str | None = None,
) -> SyntheticIdentity:
    """One synthetic person; their age on `today` lies within `age_range` (inclusive).

    A `family_name` from the country's table is put in the form for the
    person's sex ("Ivanov" becomes "Ivanova" for a woman); any other text is
    used as it is.
    """
    profile = _profile(country if country is not None else pick_country(rng))
    if sex is not None and sex not in SEXES:
        raise ValueError(f"sex must be one of {SEXES}, not {sex!r}")
    ages = _ages(*age_range)
    family = None
    if family_name is not None:
        family_name = family_name.strip()
        if not family_name:
            raise ValueError("family_name must not be blank")
        family = profile.family_by_name.get(family_name) or _custom_family(family_name)
    return _identity(rng, profile, sex, ages, today, family)


# --- Households -------------------------------------------------------------------

_ADULT_AGES: Final = _ages(18, 65)
_MAX_CHILD_AGE: Final = 25  # older children rarely still live with their parents


def _other_family(rng: random.Random, names: NameTable, family: FamilyName) -> FamilyName:
    for _ in range(4):
        other = rng.choice(names.family)
        if other is not family:
            return other
    return family


def make_household(
    rng: random.Random,
    *,
    country: str | None = None,
    today: datetime.date = DEFAULT_TODAY,
) -> list[tuple[SyntheticIdentity, str]]:
    """A household as (identity, relationship to the head) pairs, the head first.

    Children carry their father's family name, in the form for their sex.
    Where wives keep their own name (Arab countries, Afghanistan, Iran,
    Eritrea, Somalia), a wife or mother has her own family name more often
    than not.
    """
    profile = _profile(country if country is not None else pick_country(rng))
    names = profile.names
    family = rng.choice(names.family)
    shape = profile.households.draw(rng)
    members: list[tuple[SyntheticIdentity, str]] = []

    def add(sex: str, age: int, relationship: str, member_family: FamilyName) -> None:
        person = _identity(rng, profile, sex, _ages(age, age), today, member_family)
        members.append((person, relationship))

    def married_woman_family(husband_family: FamilyName) -> FamilyName:
        if profile.wife_keeps_name and rng.random() < 0.6:
            return _other_family(rng, names, husband_family)
        return husband_family

    head_family = family
    if shape == "single":
        head_age = _ADULT_AGES.draw(rng)
        add(profile.draw_sex(rng), head_age, "head", family)
        parent_ages = [head_age]
    elif shape == "single_parent":
        head_age = _ages(19, 55).draw(rng)
        add("f" if rng.random() < profile.single_mother_rate else "m", head_age, "head", family)
        parent_ages = [head_age]
    else:
        head_age = _ages(20, 55 if shape == "couple_children" else 70).draw(rng)
        gap = rng.randint(0, 8)  # husbands are a little older
        if rng.random() < 0.8:
            spouse_age = max(18, head_age - gap)
            add("m", head_age, "head", family)
            add("f", spouse_age, "spouse", married_woman_family(family))
        else:
            spouse_age = min(90, head_age + gap)
            head_family = married_woman_family(family)
            add("f", head_age, "head", head_family)
            add("m", spouse_age, "spouse", family)
        parent_ages = [head_age, spouse_age]

    if shape in ("couple_children", "single_parent"):
        # Mothers are 16 to 45 years older than their children.
        oldest_child = min(_MAX_CHILD_AGE, min(parent_ages) - 16)
        youngest_child = min(oldest_child, max(0, max(parent_ages) - 45))
        count = profile.children.draw(rng)
        ages = sorted(
            (rng.randint(youngest_child, oldest_child) for _ in range(count)), reverse=True
        )
        for age in ages:
            add("m" if rng.random() < 0.51 else "f", age, "child", family)

    if rng.random() < (0.05 if shape == "single" else 0.1):
        relationship = rng.choice(("parent", "parent", "sibling", "sibling", "other"))
        if relationship == "parent" and head_age <= 70:
            age = min(95, head_age + rng.randint(18, 38))
            if rng.random() < 0.65:
                add("f", age, "parent", married_woman_family(head_family))
            else:
                add("m", age, "parent", head_family)
        elif relationship == "other":
            other_family = _other_family(rng, names, family)
            add(profile.draw_sex(rng), rng.randint(8, 30), "other", other_family)
        else:
            sibling_age = max(14, min(90, head_age + rng.randint(-10, 10)))
            add(profile.draw_sex(rng), sibling_age, "sibling", head_family)
    return members
