"""What pycountry does not know: for every ISO 3166-1 country, the demonyms, capitals
(and seats of government) and everyday names that articles use instead of the ISO name.

One line per country: ``ISO2 | demonyms | capitals | other names``, each list separated by
semicolons. Plurals of demonyms ("Malians") are derived in countries.py. Forms that are
also common English words or names ("Victoria", "Male", "Hamilton") are left out, and
names shared by two countries ("Congolese") are given to neither.
"""

COUNTRY_TABLE = """
AD | Andorran | Andorra la Vella |
AE | Emirati | Abu Dhabi | UAE; U.A.E.; Emirates
AF | Afghan | Kabul |
AG | Antiguan; Barbudan | | Antigua
AI | Anguillan | |
AL | Albanian | Tirana |
AM | Armenian | Yerevan |
AO | Angolan | Luanda |
AQ | | |
AR | Argentine; Argentinian; Argentinean | Buenos Aires |
AS | American Samoan | Pago Pago |
AT | Austrian | Vienna |
AU | Australian | Canberra |
AW | Aruban | Oranjestad |
AX | Alandish | Mariehamn | Aland
AZ | Azerbaijani; Azeri | Baku |
BA | Bosnian; Herzegovinian | Sarajevo | Bosnia; Bosnia-Herzegovina
BB | Barbadian; Bajan | Bridgetown |
BD | Bangladeshi | Dhaka |
BE | Belgian | |
BF | Burkinabe; Burkinabé | Ouagadougou | Burkina
BG | Bulgarian | |
BH | Bahraini | Manama |
BI | Burundian | Gitega; Bujumbura |
BJ | Beninese; Beninois | Porto-Novo; Cotonou |
BL | | Gustavia | Saint Barthelemy; St. Barts; Saint Barts
BM | Bermudian | |
BN | Bruneian | Bandar Seri Begawan | Brunei
BO | Bolivian | Sucre; La Paz |
BQ | | Kralendijk | Bonaire
BR | Brazilian | Brasilia |
BS | Bahamian | Nassau | Bahamas; The Bahamas
BT | Bhutanese | Thimphu |
BV | | |
BW | Botswanan; Motswana; Batswana | Gaborone |
BY | Belarusian; Belarussian | Minsk | Belorussia; Byelorussia
BZ | Belizean | Belmopan |
CA | Canadian | Ottawa |
CC | | | Cocos Islands; Keeling Islands
CD | | Kinshasa | DRC; DR Congo; D.R. Congo; Democratic Republic of Congo; Democratic Republic of the Congo; Congo-Kinshasa; Zaire
CF | | Bangui | CAR; Central African Republic
CG | | Brazzaville | Congo-Brazzaville; Republic of Congo; Republic of the Congo
CH | Swiss | Bern; Berne |
CI | Ivorian | Yamoussoukro; Abidjan | Ivory Coast; Cote d'Ivoire; Côte d'Ivoire
CK | Cook Islander | Avarua |
CL | Chilean | |
CM | Cameroonian | Yaounde |
CN | Chinese | Beijing; Peking | PRC; P.R.C.; Mainland China
CO | Colombian | Bogota |
CR | Costa Rican | |
CU | Cuban | Havana |
CV | Cape Verdean; Cabo Verdean | Praia | Cape Verde
CW | Curacaoan | Willemstad | Curacao
CX | Christmas Islander | Flying Fish Cove |
CY | Cypriot | Nicosia |
CZ | Czech | Prague | Czech Republic
DE | German | Berlin |
DJ | Djiboutian | |
DK | Danish; Dane | Copenhagen |
DM | | Roseau |
DO | Dominican | Santo Domingo |
DZ | Algerian | Algiers |
EC | Ecuadorian; Ecuadorean | Quito |
EE | Estonian | Tallinn |
EG | Egyptian | Cairo |
EH | Sahrawi; Saharawi | Laayoune |
ER | Eritrean | Asmara |
ES | Spanish; Spaniard | Madrid |
ET | Ethiopian | Addis Ababa |
FI | Finnish; Finn | Helsinki |
FJ | Fijian | Suva |
FK | Falkland Islander | | Falklands; Malvinas
FM | Micronesian | Palikir | Micronesia
FO | Faroese | Torshavn | Faroes
FR | French; Frenchman; Frenchmen; Frenchwoman | Paris |
GA | Gabonese | Libreville |
GB | British; Briton; Scottish; Welsh | London | UK; U.K.; Britain; Great Britain; England; Scotland; Wales; Northern Ireland
GD | Grenadian | |
GE | Georgian | Tbilisi |
GF | French Guianese | Cayenne |
GG | | Saint Peter Port |
GH | Ghanaian | Accra |
GI | Gibraltarian | |
GL | Greenlandic; Greenlander | Nuuk |
GM | Gambian | Banjul | The Gambia
GN | Guinean | Conakry |
GP | Guadeloupean | |
GQ | Equatorial Guinean; Equatoguinean | Malabo |
GR | Greek | Athens |
GS | | | South Georgia
GT | Guatemalan | Guatemala City |
GU | Guamanian | Hagatna |
GW | Bissau-Guinean | Bissau |
GY | Guyanese | |
HK | Hongkonger | |
HM | | |
HN | Honduran | Tegucigalpa |
HR | Croatian; Croat | Zagreb |
HT | Haitian | Port-au-Prince |
HU | Hungarian | Budapest |
ID | Indonesian | Jakarta |
IE | Irish | Dublin |
IL | Israeli | |
IM | Manx | | Isle of Man
IN | Indian | New Delhi |
IO | | | Chagos Islands
IQ | Iraqi | Baghdad |
IR | Iranian | Tehran; Teheran |
IS | Icelandic; Icelander | Reykjavik |
IT | Italian | Rome |
JE | | Saint Helier |
JM | Jamaican | |
JO | Jordanian | Amman |
JP | Japanese | Tokyo |
KE | Kenyan | Nairobi |
KG | Kyrgyz; Kirghiz; Kyrgyzstani | Bishkek | Kirghizia
KH | Cambodian | Phnom Penh |
KI | I-Kiribati | Tarawa |
KM | Comoran; Comorian | Moroni | Comoros
KN | Kittitian; Nevisian | Basseterre | St. Kitts and Nevis; St Kitts and Nevis
KP | North Korean | Pyongyang | North Korea; DPRK
KR | South Korean | Seoul | South Korea; ROK; Republic of Korea; Korea
KW | Kuwaiti | Kuwait City |
KY | Caymanian | George Town | Cayman Islands
KZ | Kazakh; Kazakhstani | Astana; Nur-Sultan |
LA | Laotian | Vientiane | Laos
LB | Lebanese | Beirut |
LC | Saint Lucian | Castries | St. Lucia; St Lucia
LI | Liechtensteiner | Vaduz |
LK | Sri Lankan | Colombo |
LR | Liberian | Monrovia |
LS | Basotho; Mosotho | Maseru |
LT | Lithuanian | Vilnius |
LU | Luxembourgish; Luxembourger | |
LV | Latvian | Riga |
LY | Libyan | Tripoli |
MA | Moroccan | Rabat |
MC | Monegasque | |
MD | Moldovan | Chisinau | Moldova
ME | Montenegrin | Podgorica |
MF | | Marigot | Saint Martin; St. Martin
MG | Malagasy | Antananarivo |
MH | Marshallese | Majuro | Marshall Islands
MK | Macedonian | Skopje | Macedonia
ML | Malian | Bamako |
MM | Burmese | Naypyidaw; Nay Pyi Taw; Yangon; Rangoon | Burma
MN | Mongolian | Ulaanbaatar; Ulan Bator |
MO | Macanese | | Macau
MP | | Saipan | Northern Marianas
MQ | Martinican | Fort-de-France |
MR | Mauritanian | Nouakchott |
MS | Montserratian | |
MT | Maltese | Valletta |
MU | Mauritian | Port Louis |
MV | Maldivian | | Maldives
MW | Malawian | Lilongwe |
MX | Mexican | Mexico City |
MY | Malaysian | Kuala Lumpur |
MZ | Mozambican | Maputo |
NA | Namibian | Windhoek |
NC | New Caledonian | Noumea |
NE | Nigerien | Niamey |
NF | Norfolk Islander | |
NG | Nigerian | Abuja |
NI | Nicaraguan | Managua |
NL | Dutch | Amsterdam; The Hague | Holland
NO | Norwegian | Oslo |
NP | Nepali; Nepalese | Kathmandu |
NR | Nauruan | Yaren |
NU | Niuean | Alofi |
NZ | New Zealander | |
OM | Omani | Muscat |
PA | Panamanian | Panama City |
PE | Peruvian | Lima |
PF | French Polynesian | Papeete | Tahiti
PG | Papua New Guinean | Port Moresby |
PH | Filipino; Philippine | Manila |
PK | Pakistani | Islamabad |
PL | Polish | Warsaw |
PM | | Saint-Pierre |
PN | Pitcairn Islander | Adamstown | Pitcairn Islands
PR | Puerto Rican | San Juan |
PS | Palestinian | Ramallah | Palestine; Gaza Strip; West Bank
PT | Portuguese | Lisbon |
PW | Palauan | Ngerulmud |
PY | Paraguayan | Asuncion |
QA | Qatari | Doha |
RE | Reunionese | Saint-Denis |
RO | Romanian | Bucharest |
RS | Serbian; Serb | Belgrade |
RU | Russian | Moscow | Russia; Russian Federation
RW | Rwandan | Kigali |
SA | Saudi | Riyadh | Saudi Arabia
SB | Solomon Islander | Honiara |
SC | Seychellois | |
SD | Sudanese | Khartoum |
SE | Swedish; Swede | Stockholm |
SG | Singaporean | |
SH | Saint Helenian | Jamestown | Saint Helena; St. Helena
SI | Slovenian; Slovene | Ljubljana |
SJ | | Longyearbyen | Svalbard
SK | Slovak; Slovakian | Bratislava |
SL | Sierra Leonean | Freetown |
SM | Sammarinese | |
SN | Senegalese | Dakar |
SO | Somali; Somalian | Mogadishu |
SR | Surinamese | Paramaribo |
SS | South Sudanese | Juba |
ST | Santomean | | Sao Tome; Sao Tome and Principe
SV | Salvadoran | San Salvador |
SX | | Philipsburg | Sint Maarten
SY | Syrian | Damascus | Syria
SZ | Swazi | Mbabane; Lobamba | Swaziland
TC | | Cockburn Town | Turks and Caicos
TD | Chadian | N'Djamena; Ndjamena |
TF | | | French Southern and Antarctic Lands
TG | Togolese | Lome |
TH | Thai | Bangkok | Siam
TJ | Tajik; Tajikistani | Dushanbe |
TK | Tokelauan | |
TL | Timorese; East Timorese | Dili | East Timor
TM | Turkmen | Ashgabat |
TN | Tunisian | Tunis |
TO | Tongan | Nuku'alofa |
TR | Turkish; Turk | Ankara | Turkey; Turkiye
TT | Trinidadian; Tobagonian | Port of Spain | Trinidad
TV | Tuvaluan | Funafuti |
TW | Taiwanese | Taipei | Taiwan
TZ | Tanzanian | Dodoma; Dar es Salaam | Tanzania
UA | Ukrainian | Kyiv; Kiev |
UG | Ugandan | Kampala |
UM | | |
US | American | Washington; Washington DC; Washington D.C. | United States; United States of America; U.S.; U.S.A.; USA; US; America
UY | Uruguayan | Montevideo |
UZ | Uzbek; Uzbekistani | Tashkent |
VA | | Vatican City | Vatican; Holy See
VC | Vincentian | Kingstown | Saint Vincent; St. Vincent
VE | Venezuelan | Caracas | Venezuela
VG | | Road Town | British Virgin Islands
VI | | Charlotte Amalie | US Virgin Islands; U.S. Virgin Islands
VN | Vietnamese | Hanoi | Vietnam
VU | Ni-Vanuatu | Port Vila |
WF | Wallisian; Futunan | Mata-Utu |
WS | Samoan | Apia |
YE | Yemeni | Sanaa; Sana'a |
YT | Mahoran | Mamoudzou |
ZA | South African | Pretoria; Cape Town |
ZM | Zambian | Lusaka |
ZW | Zimbabwean | Harare |
"""

# Combining forms that only count before a hyphen ("Franco-Russian", "Sino-African").
COMBINING_FORMS = {"franco": "FR", "sino": "CN", "russo": "RU", "italo": "IT", "turco": "TR", "greco": "GR"}

# Forms that are also given names, surnames, US states or brands: they count only when
# no other capitalised word stands right beside them ("Chad's President" yes, "Chad
# Johnson" no; "Washington" yes, "Washington Post" no).
AMBIGUOUS_FORMS = {
    "chad", "jordan", "georgia", "jersey", "guernsey", "washington", "turkey", "sofia",
    "santiago", "lima", "victoria", "niue", "guinea", "america", "american", "indian",
    "dominican", "georgian", "jordanian", "cuba", "panama", "israel", "nice", "monaco",
    "wellington", "kingstown", "macedonian", "trinidad", "dane", "finn", "swede", "turk",
    "pole", "serb", "croat",
}  # fmt: skip

# Regions and continents: matched first, so that "Latin America", "West African" or
# "Lake Chad" are not read as a country, and never proposed as actors either.
REGIONS = """
Africa; African; Africans; West Africa; West African; East Africa; East African; North Africa;
North African; Southern Africa; Southern African; Central Africa; Central African;
Sub-Saharan Africa; sub-Saharan Africa; Horn of Africa; Sahel; Sahelian; Maghreb; Middle East;
Middle Eastern; Near East; Far East; Persian Gulf; Gulf of Guinea; Arabian Peninsula; Levant;
Europe; European; Europeans; Eastern Europe; Western Europe; Central Europe; Balkans; Caucasus;
Central Asia; Central Asian; South Asia; South Asian; Southeast Asia; Southeast Asian;
East Asia; East Asian; Asia; Asian; Asia-Pacific; Indo-Pacific; Pacific; Atlantic; Arctic;
Antarctic; Latin America; Latin American; South America; South American; North America;
North American; Central America; Central American; Caribbean; Oceania; Eurasia; Eurasian;
Scandinavia; Scandinavian; Nordic; Baltic; Baltics; Mediterranean; Lake Chad; Lake Chad Basin;
Indian Ocean; Niger Delta; Niger River; Korean Peninsula; Sinai; Kurdistan; Donbas; Donbass;
Crimea; Kashmir; Tibet; Xinjiang; Darfur; Cyrenaica; Tripolitania; Azawad; Liptako-Gourma;
New Guinea; New Mexico; New Jersey; Washington State; Georgia Tech; South China Sea;
East China Sea; Taiwan Strait; Red Sea; Black Sea; Caspian Sea; Mali Empire
"""
