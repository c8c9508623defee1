"""English phrase bank for the demo stories.

Templates are str.format strings over the slots a story draws once (see writer.py), so the
headline, lead and body of one story name the same city, official and figures. A slot written
with a capital first letter ("{Official}") is the same value capitalised for a sentence start.
"""

SECTIONS = [
    # (key, name, slug, description)
    ("news", "News", "news", "What is happening now: incidents, transport, weather and city life."),
    ("politics", "Politics", "politics", "Parliament, government and elections."),
    ("economy", "Economy", "economy", "Markets, prices, industry and the budget."),
    ("society", "Society", "society", "Schools, hospitals, culture and the people who make cities work."),
    ("world", "World", "world", "Diplomacy, trade and events abroad."),
    ("analytics", "Analytics", "analytics", "Explainers and analysis from our correspondents."),
]

AUTHORS = [
    # (name, slug, job title)
    ("Anna Lebedeva", "anna-lebedeva", "Correspondent"),
    ("James Whitfield", "james-whitfield", "Political correspondent"),
    ("Maria Sokolova", "maria-sokolova", "Economics editor"),
    ("Daniel Hart", "daniel-hart", "Correspondent"),
    ("Elena Kuznetsova", "elena-kuznetsova", "Social affairs reporter"),
    ("Tom Brennan", "tom-brennan", "Foreign desk editor"),
    ("Irina Volkova", "irina-volkova", "Analyst"),
    ("Oliver Grant", "oliver-grant", "Night editor"),
]

SOURCES = [
    ("TASS", "https://tass.com/"),
    ("Interfax", "https://interfax.com/"),
    ("RIA Novosti", "https://ria.ru/"),
    ("Reuters", "https://www.reuters.com/"),
]

EXTERNAL_LINKS = [
    ("https://www.cbr.ru/eng/", "Bank of Russia: official website"),
    ("https://eng.rosstat.gov.ru/", "Federal State Statistics Service"),
    ("https://duma.gov.ru/en/", "State Duma: bills and votes"),
    ("https://www.un.org/en/", "United Nations"),
    ("https://www.imf.org/en/Data", "IMF data"),
    ("https://government.ru/en/", "The Russian Government"),
]

CORRECTIONS = [
    "An earlier version of this story gave the wrong date for the vote.",
    "An earlier version of this story misstated the name of the region.",
    "An earlier version of this story gave an incorrect figure in the third paragraph.",
]
UPDATES = [
    "This story has been updated with a comment from the regional government.",
    "Updated with figures published by the statistics service.",
]

VOCAB = {
    "city": [
        "Moscow",
        "St Petersburg",
        "Kazan",
        "Novosibirsk",
        "Yekaterinburg",
        "Vladivostok",
        "Kaliningrad",
        "Nizhny Novgorod",
        "Samara",
        "Krasnoyarsk",
        "Sochi",
        "Murmansk",
        "Omsk",
        "Tomsk",
        "Irkutsk",
        "Rostov-on-Don",
    ],
    "region": [
        "the Moscow region",
        "Tatarstan",
        "the Krasnodar territory",
        "the Sverdlovsk region",
        "Primorye",
        "the Novosibirsk region",
        "Yakutia",
        "the Leningrad region",
        "the Kaluga region",
        "Bashkortostan",
    ],
    "country": [
        "Brazil",
        "India",
        "China",
        "Turkey",
        "Egypt",
        "Indonesia",
        "Kazakhstan",
        "Serbia",
        "South Africa",
        "Argentina",
        "Vietnam",
        "Mexico",
        "Malaysia",
        "Uzbekistan",
    ],
    "official": [
        "the prime minister",
        "the finance minister",
        "the economy minister",
        "a Kremlin spokesman",
        "the foreign minister",
        "a deputy prime minister",
        "the labour minister",
        "the transport minister",
    ],
    "industry": [
        "small businesses",
        "farmers",
        "car makers",
        "shipbuilders",
        "IT companies",
        "airlines",
        "regional airports",
        "textile producers",
    ],
    "project": [
        "a new metro line",
        "a high-speed rail link",
        "a bridge across the river",
        "a regional hospital",
        "a ring road",
        "a new airport terminal",
        "a water treatment plant",
        "a school campus",
    ],
    "weather": ["heavy snowfall", "a storm", "hurricane-force winds", "freezing rain", "a blizzard", "heavy rain"],
    "bill": [
        "digital platforms",
        "rental housing",
        "consumer credit",
        "protecting wildlife",
        "school meals",
        "electric scooters",
        "personal data",
        "volunteer organisations",
    ],
    "offence": ["speeding near schools", "illegal dumping", "selling alcohol to minors", "noise at night"],
    "event": [
        "a summit on food security",
        "a trade forum",
        "a conference on energy cooperation",
        "a meeting of foreign ministers",
        "an international economic forum",
    ],
    "crop": ["wheat", "rice", "coffee", "soybeans", "sugar cane"],
    "area": ["nuclear energy", "education", "space research", "tourism", "healthcare"],
}

# section key -> [(headline, lead, [sentences only this story's body uses])]
STORIES = {
    "news": [
        (
            "Flights delayed at {city} airport because of {weather}",
            "More than {n} flights were delayed or cancelled in {city} {day} as {weather} swept across the region, "
            "the airport said.",
            [
                "Passengers were advised to check the status of their flights before leaving for the airport.",
                "Ground crews worked through the night to keep the runways open, the airport said.",
            ],
        ),
        (
            "{City} starts building {project}",
            "Construction of {project} in {city} has begun and is due to be finished by {year}, "
            "the city administration said.",
            [
                "The project will be financed from the city and federal budgets.",
                "Traffic in the area will be restricted while the work goes on, the city administration warned.",
            ],
        ),
        (
            "Power restored to {big} homes in {region} after {weather}",
            "Engineers restored electricity to {big} homes in {region} {day} after {weather} brought down power "
            "lines, the Emergencies Ministry said.",
            [
                "At the height of the outage about {big} villages and towns were without electricity.",
                "Repair crews from neighbouring regions helped to restore the lines.",
            ],
        ),
        (
            "Trains between {city} and {city2} delayed after signal failure",
            "Long-distance and commuter trains between {city} and {city2} ran up to {n} minutes late {day} "
            "after a signal failure, the railway operator said.",
            [
                "Passengers were advised to check the timetable before leaving home.",
                "Engineers fixed the fault within a few hours, and trains were running on time by the evening.",
            ],
        ),
        (
            "Rescuers find {few} missing hikers alive in {region}",
            "A group of {few} hikers who went missing earlier this week has been found alive, the regional "
            "emergencies service said {day}, adding that none of them needed hospital treatment.",
            [
                "Rescuers searched an area of about {n} square kilometres with the help of drones.",
                "The emergencies service reminded tourists to register their routes before setting off.",
            ],
        ),
        (
            "{City} to add {n} bus routes next month",
            "The city will launch {n} new bus routes and extend {few} existing ones next month to serve new "
            "housing districts, the transport department said.",
            [
                "The new routes will link residential districts with the nearest metro and railway stations.",
                "Timetables will be published on the city services portal a week before the launch.",
            ],
        ),
        (
            "Warehouse fire in {city} put out, no one hurt",
            "Firefighters put out a fire at a warehouse on the outskirts of {city} {day}; no one was injured, "
            "the Emergencies Ministry said.",
            [
                "About {n} firefighters and {few} fire engines were sent to the scene.",
                "Investigators are working to establish the cause of the fire.",
            ],
        ),
        (
            "Museum in {city} reopens after {few}-year restoration",
            "The city museum in {city} reopened to visitors {day} after a {few}-year restoration that cost "
            "{big} million roubles, the regional culture ministry said.",
            [
                "The restoration brought back the building's original facades and painted ceilings.",
                "Entry will be free for the first {few} days after the reopening.",
            ],
        ),
    ],
    "politics": [
        (
            "State Duma passes bill on {bill} in first reading",
            "Lawmakers backed a bill on {bill} in the first reading {day}, with {seats} deputies voting in favour.",
            [
                "The bill now goes to a second reading, when deputies can propose amendments.",
                "Its authors say the measure will reduce paperwork for citizens and businesses.",
            ],
        ),
        (
            "{Official} meets governors to discuss regional budgets",
            "{Official} met the governors of {n} regions {day} to discuss how federal money for roads and "
            "schools will be spent next year.",
            [
                "Governors asked for more flexibility in how they spend federal transfers.",
                "The meeting was held by video link, with some governors joining from their regions.",
            ],
        ),
        (
            "Federation Council approves amendments to the tax code",
            "The upper house of parliament approved amendments to the tax code {day}; the changes take effect "
            "on January 1, {year}.",
            [
                "The amendments simplify tax reporting for small businesses.",
                "The law now goes to the president for signature.",
            ],
        ),
        (
            "Government drafts {big} billion rouble plan to support {industry}",
            "The government has drafted a support plan for {industry} worth {big} billion roubles, "
            "{official} said {day}.",
            [
                "The plan includes subsidised loans and lower social insurance contributions.",
                "The government expects the measures to preserve about {crowd} jobs.",
            ],
        ),
        (
            "Local elections in {region} set for September",
            "The electoral commission of {region} has set local elections for September, with {big} seats in "
            "municipal councils to be contested.",
            [
                "Candidates can register with local electoral commissions until July.",
                "For the first time, voters in {region} will be able to vote online.",
            ],
        ),
        (
            "New rules on {bill} to be ready by spring, {official} says",
            "Rules on {bill} will be finalised by spring after consultations with businesses, {official} "
            "told reporters {day}.",
            [
                "Businesses had asked for a longer transition period.",
                "The draft will be published for public discussion before it is adopted.",
            ],
        ),
        (
            "Duma committee backs higher fines for {offence}",
            "A State Duma committee recommended raising fines for {offence}, saying current penalties no "
            "longer deter offenders.",
            [
                "The current fines have not changed for more than ten years.",
                "The government supports the initiative, according to its official response to the draft.",
            ],
        ),
        (
            "President signs law on {bill}",
            "The president signed a law on {bill} {day}, according to a document published on the official "
            "legal information portal.",
            [
                "The law takes effect {n} days after its official publication.",
                "The State Duma passed the law last month, and the Federation Council approved it last week.",
            ],
        ),
    ],
    "economy": [
        (
            "Central bank keeps key rate at {rate}%",
            "The central bank left its key interest rate unchanged at {rate}% {day}, saying inflation was slowing "
            "but remained above its target.",
            [
                "Analysts polled before the meeting had expected the rate to stay unchanged.",
                "The regulator said it would consider further steps at its next meeting in six weeks.",
            ],
        ),
        (
            "Annual inflation slows to {pct}%, statistics service says",
            "Consumer prices rose {pct}% year on year last month, down from {pct_prev}% a month earlier, "
            "the statistics service said {day}.",
            [
                "Fruit and vegetables became cheaper over the month, while services rose in price.",
                "The central bank's inflation target is 4%.",
            ],
        ),
        (
            "Rouble firms against the dollar as tax period begins",
            "The rouble strengthened {small_pct}% against the US dollar in Moscow trading {day} as exporters sold "
            "foreign currency to pay taxes.",
            [
                "Exporters' foreign currency sales usually peak in the second half of the month.",
                "Analysts expect the rouble to stay within its current range until the end of the quarter.",
            ],
        ),
        (
            "{Region} attracts {big} billion roubles for new plants",
            "Investors have committed {big} billion roubles to new factories in {region} this year, "
            "the regional government said.",
            [
                "Most of the money will go into food processing and building materials.",
                "Investors in {region} receive tax breaks for new production sites.",
            ],
        ),
        (
            "Car sales up {n}% year on year",
            "New car sales rose {n}% from a year earlier last month, with locally assembled models accounting "
            "for most of the growth, an industry association said.",
            [
                "Sales of used cars were almost unchanged.",
                "Dealers say demand is supported by subsidised car loans.",
            ],
        ),
        (
            "Oil output steady as producers keep to quotas",
            "Oil production held steady last month as producers kept to quotas agreed with partners, "
            "{official} said {day}.",
            [
                "Seaborne exports stayed close to last month's level.",
                "Refinery runs increased after seasonal maintenance.",
            ],
        ),
        (
            "Grain harvest forecast raised to {grain} million tonnes",
            "The agriculture ministry raised its forecast for this year's grain harvest to {grain} million tonnes, "
            "citing good weather in the southern regions.",
            [
                "Wheat accounts for most of the expected harvest.",
                "Exporters expect to keep their share of world markets.",
            ],
        ),
        (
            "Consumer lending growth slows after tighter rules",
            "Growth in consumer lending slowed to {small_pct}% last month after the central bank tightened "
            "requirements for banks, the regulator said.",
            [
                "Banks have become more selective and turn down more applications.",
                "Mortgage lending also slowed, the regulator said.",
            ],
        ),
    ],
    "society": [
        (
            "{City} schools to get {n} new science labs",
            "{N} schools in {city} will receive new science laboratories before the next school year, "
            "the regional education ministry said.",
            [
                "Each laboratory will have equipment for physics, chemistry and biology lessons.",
                "Teachers will take training courses before the school year begins.",
            ],
        ),
        (
            "Volunteers plant {big} trees in {city} parks",
            "More than {crowd} volunteers planted {big} trees in parks across {city} {day}, "
            "the city administration said.",
            [
                "Most of the trees are limes, maples and birches.",
                "The city plans to hold another planting day in the autumn.",
            ],
        ),
        (
            "More school leavers choose engineering degrees",
            "Applications to engineering programmes rose by {n}% this year, the higher education ministry said, "
            "as universities added {big} state-funded places.",
            [
                "Information technology and energy remain the most popular fields.",
                "Universities say more school leavers now pass the physics exam.",
            ],
        ),
        (
            "Regional hospital in {city} gets new MRI scanners",
            "The regional hospital in {city} has received new MRI scanners, cutting waiting times for scans "
            "to about a week, the regional health ministry said.",
            [
                "Previously, patients had to wait up to a month for a scan.",
                "The scanners were bought under a national healthcare programme.",
            ],
        ),
        (
            "Libraries in {region} extend opening hours",
            "Public libraries in {region} will stay open until 10 p.m. on weekdays from next month, following "
            "requests from students and working readers.",
            [
                "Readers will also be able to book study rooms online.",
                "The change needs no extra spending, the regional culture ministry said.",
            ],
        ),
        (
            "Survey: {share}% of Russians plan to holiday at home this summer",
            "{Share}% of respondents said they plan to spend their summer holidays in Russia, according to "
            "a poll published {day}.",
            [
                "The most popular destinations are the Black Sea coast, the Caucasus and Lake Baikal.",
                "The poll was conducted among {crowd} adults in all federal districts.",
            ],
        ),
        (
            "Free sports clubs for children open in {city}",
            "Around {crowd} children in {city} have signed up for free sports clubs opened in schools and "
            "community centres, the city administration said.",
            [
                "Football, swimming and chess are the most popular choices.",
                "Registration is open on the city services portal until the end of the month.",
            ],
        ),
        (
            "Volunteer search teams train with drones in {region}",
            "Volunteer search teams in {region} held joint exercises with drones {day} to practise finding "
            "people lost in forests.",
            [
                "Volunteers practised working at night with thermal imaging cameras.",
                "Last year, volunteers in {region} took part in more than {big} searches.",
            ],
        ),
    ],
    "world": [
        (
            "Russia and {country} agree to expand trade in national currencies",
            "Russia and {country} agreed {day} to increase the share of national currencies in mutual trade, "
            "the Foreign Ministry said after talks in Moscow.",
            [
                "The two sides also discussed transport links and payment systems.",
                "Trade between the countries has grown for {few} years in a row.",
            ],
        ),
        (
            "{Country} hosts {event}",
            "Delegations from {n} countries gathered in {country} {day} for {event}, with energy and logistics "
            "at the top of the agenda.",
            [
                "Delegates agreed on a joint statement at the end of the first day.",
                "The next meeting is planned for next year.",
            ],
        ),
        (
            "Foreign minister to visit {country} next week",
            "The foreign minister will travel to {country} next week for talks on economic cooperation and "
            "regional security, the ministry's spokeswoman said.",
            [
                "It will be the minister's first visit to {country} in {few} years.",
                "The programme includes meetings with the country's leaders and business community.",
            ],
        ),
        (
            "{Country} expects record {crop} harvest",
            "{Country} expects a record harvest of {crop} this year, its agriculture ministry said {day}, "
            "which could push down world prices.",
            [
                "The harvest is expected to be {n}% larger than last year's.",
                "Exporters expect demand from Asian markets to remain strong.",
            ],
        ),
        (
            "Direct flights between Moscow and {country} to resume",
            "Regular direct flights between Moscow and {country} will resume next month after a pause of "
            "{few} years, the Transport Ministry said.",
            [
                "Tickets will go on sale next week.",
                "Tour operators expect demand for trips to {country} to grow after the announcement.",
            ],
        ),
        (
            "Turnout in {country} parliamentary election reaches {share}%",
            "Turnout in parliamentary elections in {country} reached {share}%, the country's electoral "
            "commission said {day}, with final results expected within a week.",
            [
                "Observers from {n} countries monitored the vote.",
                "Polling stations were also open abroad for citizens living outside the country.",
            ],
        ),
        (
            "Magnitude {mag} earthquake hits {country}",
            "An earthquake of magnitude {mag} hit {country} {day}; there were no immediate reports of casualties, "
            "the local geophysical service said.",
            [
                "Local media reported that no serious damage had been found.",
                "Aftershocks were felt for several hours.",
            ],
        ),
        (
            "Russia and {country} sign agreement on {area}",
            "The two countries signed an intergovernmental agreement on cooperation in {area} {day}, the Kremlin said.",
            [
                "The agreement still has to be ratified by the parliaments of both countries.",
                "The document provides for joint projects and exchanges of specialists.",
            ],
        ),
    ],
    "analytics": [
        (
            "What the key rate decision means for borrowers",
            "The central bank's decision to keep the rate at {rate}% will keep mortgages and consumer loans "
            "expensive for months. We look at who gains and who loses.",
            [
                "For households, the effect will be felt mainly through the cost of borrowing.",
                "Savers, on the other hand, will keep earning high interest on deposits.",
            ],
        ),
        (
            "Why the regions are borrowing more",
            "Regional debt has grown by {pct}% this year. We examine where the money goes and what it means "
            "for budgets in {region} and elsewhere.",
            [
                "Regions with large infrastructure programmes are the most exposed.",
                "Most of the new debt is cheap budget loans from the federal government.",
            ],
        ),
        (
            "Five questions about the new rules on {bill}",
            "New rules on {bill} come into force soon. Here is what changes, who is affected and what remains unclear.",
            [
                "Businesses will have a transition period to adapt.",
                "Much depends on detailed regulations the government has yet to publish.",
            ],
        ),
        (
            "How {city} plans to ease its traffic jams",
            "{City} is betting on new metro stations and dedicated bus lanes to cut commuting times. "
            "Our correspondent looked at the numbers.",
            [
                "Over the past decade, such measures have worked best when combined with investment in public "
                "transport.",
                "Traffic speeds in the city centre have changed little in {few} years.",
            ],
        ),
        (
            "Trade with {country}: growth, limits and prospects",
            "Trade between Russia and {country} rose by {n}% last year. Experts explain what drives it and what "
            "could slow it down.",
            [
                "Logistics and payments remain the main bottlenecks.",
                "Energy and farm products account for most of the trade.",
            ],
        ),
        (
            "The labour market is tight. What comes next?",
            "Unemployment is at a record low of {jobless}%, and companies compete for workers. Economists discuss "
            "how long this can last.",
            [
                "Companies are raising wages faster than inflation to keep their staff.",
                "The shortage is most acute in manufacturing, construction and transport.",
            ],
        ),
        (
            "Housing in {city}: are prices levelling off?",
            "New-build prices in {city} rose by only {small_pct}% last quarter. Analysts say the market is "
            "adjusting to expensive mortgages.",
            [
                "Sales of new flats fell after subsidised mortgage programmes were scaled back.",
                "Developers are offering instalment plans to keep buyers.",
            ],
        ),
        (
            "Explainer: how the budget rule works",
            "The budget rule decides how much oil and gas revenue the government may spend. We explain how it "
            "works and why it matters for the rouble.",
            [
                "When oil prices are high, the extra revenue goes into the National Wealth Fund.",
                "When they are low, the fund helps to cover the shortfall.",
            ],
        ),
    ],
}

# Sentences that fit any story of the section.
PARAGRAPHS = {
    "news": [
        "Officials said they would give an update later in the day.",
        "The regional governor said he was following the situation personally.",
        "Residents can get information from the regional hotline.",
        "The city administration said it would publish further details on its website.",
    ],
    "politics": [
        "Opposition deputies said the proposals needed more work.",
        "Similar rules were tested in {region} last year, and officials called the results encouraging.",
        "{Official} said the measures would be reviewed after a year.",
        "Public hearings will be held in {city} and several other cities.",
    ],
    "economy": [
        "Industrial production grew by {small_pct}% over the year, driven by engineering and chemicals.",
        "Demand for loans remains high, although banks have become more cautious.",
        "The Economic Development Ministry expects the economy to grow by {small_pct}% next year.",
        "Analysts say the figures are in line with expectations.",
    ],
    "society": [
        "Sociologists say the trend reflects changing habits among younger people.",
        "The project was paid for by the regional budget and a grant from a charitable foundation.",
        "The programme will be extended to other cities if it proves popular.",
        "Residents can leave comments and suggestions on the city services portal.",
    ],
    "world": [
        "The Russian Foreign Ministry said it was following developments closely.",
        "Experts say ties with {country} have grown closer in recent years.",
        "The news was widely reported by local media.",
        "Further details are expected in the coming days.",
    ],
    "analytics": [
        "The answer depends on how quickly inflation returns to target.",
        "Economists we spoke to disagree on how long the effect will last.",
        "Much depends on decisions that have yet to be taken in the regions and in Moscow.",
        "In the short term, little will change for most people.",
        "The data for the first months of the year point to a gradual slowdown.",
    ],
}

# Closing lines that fit any story.
COMMON = [
    "Further details are expected in the coming days.",
    "This story will be updated as more information becomes available.",
    "Newsportal has asked for further comment.",
]

QUOTES = {
    "news": [
        "“All services are working normally, and there is no threat to residents,” a spokesman for the regional "
        "emergencies service said.",
        "“We thank residents for their patience and understanding,” a city official said.",
    ],
    "politics": [
        "“This is a balanced decision that takes the interests of all sides into account,” {official} told reporters.",
        "“In a year we will see how the law works in practice and adjust it if necessary,” a member of the "
        "State Duma committee said.",
    ],
    "economy": [
        "“The figures show that the measures are working, but it is too early to relax,” an economist at a "
        "major bank said.",
        "“We expect the situation to stabilise in the coming months,” {official} said.",
    ],
    "society": [
        "“People want these services close to home, and that is what we are trying to give them,” a regional "
        "official said.",
        "“The response from residents has exceeded our expectations,” the project's coordinator said.",
    ],
    "world": [
        "“Our countries have a long history of cooperation, and we intend to build on it,” the foreign minister said.",
        "“We are following developments closely,” a Foreign Ministry spokeswoman said.",
    ],
    "analytics": [
        "“There is no simple answer, and much will depend on the next few months,” an economist at a Moscow "
        "university said.",
        "“The trend is clear, but its speed is not,” an analyst at a consulting firm said.",
    ],
}

SUBHEADS = ["What happens next", "Background", "Reaction", "In numbers", "Context"]

TAGS = {
    "news": ["transport", "weather", "emergencies", "city life", "aviation", "railways"],
    "politics": ["State Duma", "government", "elections", "legislation", "Federation Council"],
    "economy": ["inflation", "central bank", "rouble", "oil", "investment", "agriculture"],
    "society": ["education", "healthcare", "volunteers", "culture", "sport"],
    "world": ["diplomacy", "trade", "BRICS", "energy", "tourism"],
    "analytics": ["explainer", "markets", "budget", "housing", "labour market"],
}

WEEKDAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday"]
DECIMAL_SEPARATOR = "."
THOUSANDS_SEPARATOR = ","
