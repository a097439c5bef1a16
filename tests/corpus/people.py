"""The people of the labelled corpus: known CV data, from which files and expected JSON are made.

Each person is written out in full (different professions, countries and languages), so the
corpus is not one template with names swapped. Dates are (year, month) tuples; month None
means the CV states the year only; end None with current=True means "to date".
"""

PEOPLE = [
    {
        "key": "software_engineer", "lang": "en", "name": "Maya Lindqvist", "title": "Senior Backend Engineer",
        "email": "maya.lindqvist@fastmail.com", "phone": "+46 70 123 45 67", "city": "Stockholm", "country": "Sweden",
        "links": ["github.com/mlindqvist", "linkedin.com/in/maya-lindqvist"],
        "summary": "Backend engineer with 9 years of experience building payment and data platforms in Python and Go. I care about reliable systems, clear APIs and mentoring.",
        "experience": [
            ("Senior Backend Engineer", "Klarna", "Stockholm, Sweden", (2020, 3), None, True, [
                "Led the migration of the settlement service from a monolith to event-driven services, cutting batch time from 6 hours to 40 minutes",
                "Designed the idempotent payments API used by 120 internal teams",
                "Mentored five engineers and ran the backend guild",
            ]),
            ("Software Engineer", "Spotify", "Stockholm, Sweden", (2016, 9), (2020, 2), False, [
                "Built the royalty reporting pipeline on Google Cloud Dataflow",
                "Reduced p99 latency of the catalogue API by 35 percent",
            ]),
            ("Junior Developer", "Tieto", "Gothenburg, Sweden", (2014, 6), (2016, 8), False, [
                "Maintained Java services for public sector clients",
            ]),
        ],
        "education": [("KTH Royal Institute of Technology", "MSc", "Computer Science", (2012, 8), (2014, 6), None)],
        "skills": {"Languages": ["Python", "Go", "Java", "SQL"], "Infrastructure": ["Kubernetes", "Terraform", "Kafka", "PostgreSQL"]},
        "languages": [("Swedish", "Native"), ("English", "Fluent"), ("German", "Intermediate")],
        "projects": [("ledgerlite", "An open source double-entry ledger library for Python with 1,200 GitHub stars", ["Python", "SQLite"])],
        "certifications": [("Certified Kubernetes Administrator", "CNCF", (2021, 5))],
        "hobbies": ["Trail running", "Bouldering", "Baking sourdough"],
    },
    {
        "key": "nurse", "lang": "en", "name": "Aisha Bello", "title": "Registered Nurse",
        "email": "aisha.bello@gmail.com", "phone": "+44 7700 900123", "city": "Manchester", "country": "United Kingdom",
        "links": [],
        "summary": "Compassionate registered nurse with 7 years on acute medical and intensive care wards, calm under pressure and committed to patient dignity.",
        "experience": [
            ("Senior Staff Nurse", "Manchester Royal Infirmary", "Manchester, United Kingdom", (2019, 4), None, True, [
                "Coordinate care for a 28-bed acute medical ward on night shifts",
                "Introduced a sepsis screening checklist that raised early antibiotic rates to 94 percent",
                "Supervise and assess student nurses from the University of Manchester",
            ]),
            ("Staff Nurse", "Salford Royal Hospital", "Salford, United Kingdom", (2016, 9), (2019, 3), False, [
                "Cared for post-operative patients in the intensive care unit",
                "Trained colleagues on the new electronic prescribing system",
            ]),
        ],
        "education": [("University of Manchester", "BSc", "Adult Nursing", (2013, 9), (2016, 7), None)],
        "skills": {"Clinical": ["Sepsis management", "IV therapy", "Wound care", "Medication administration"], "Systems": ["EPIC", "EMIS"]},
        "languages": [("English", "Native"), ("Yoruba", "Fluent"), ("French", "Basic")],
        "certifications": [("Advanced Life Support", "Resuscitation Council UK", (2022, 2)), ("Nursing and Midwifery Council Registration", "NMC", (2016, 8))],
        "volunteer": [("First Aid Volunteer", "St John Ambulance", (2017, 1), None, True, "Provide first aid cover at football matches and concerts")],
        "hobbies": ["Choir singing", "Gardening"],
    },
    {
        "key": "financial_analyst", "lang": "en", "name": "Daniel O'Connor", "title": "Financial Analyst",
        "email": "dan.oconnor@outlook.com", "phone": "(617) 555-0142", "city": "Boston", "state": "MA",
        "links": ["linkedin.com/in/danieloconnor"],
        "summary": "Financial analyst focused on forecasting, valuation and board reporting for mid-size technology companies.",
        "experience": [
            ("Financial Analyst", "Wayfair", "Boston, MA", (2021, 1), None, True, [
                "Own the quarterly forecast for a 400 million dollar logistics budget",
                "Built a driver-based model in Python that replaced 30 linked spreadsheets",
            ]),
            ("Investment Banking Analyst", "Houlihan Lokey", "New York, NY", (2018, 7), (2020, 12), False, [
                "Prepared valuation analyses for 14 closed M&A transactions",
                "Drafted confidential information memoranda and management presentations",
            ]),
            ("Finance Intern", "Fidelity Investments", "Boston, MA", (2017, 6), (2017, 8), False, [
                "Reconciled fund accounts and automated a daily cash report",
            ]),
        ],
        "education": [("Boston College", "BS", "Finance", (2014, 9), (2018, 5), "3.7")],
        "skills": {"Finance": ["Financial modelling", "DCF valuation", "Budgeting"], "Tools": ["Excel", "Python", "SQL", "Tableau"]},
        "certifications": [("CFA Level II Candidate", "CFA Institute", (2022, 6))],
        "achievements": ["Dean's List for six semesters", "Winner of the 2017 Boston College Investment Competition"],
        "hobbies": ["Sailing", "Chess"],
    },
    {
        "key": "graphic_designer", "lang": "en", "name": "Lucía Romero", "title": "Brand and Graphic Designer",
        "email": "hola@luciaromero.design", "phone": "+34 612 345 678", "city": "Barcelona", "country": "Spain",
        "links": ["luciaromero.design", "behance.net/luciaromero", "dribbble.com/lromero"],
        "summary": "Designer who builds brand identities and packaging for food and hospitality brands across Europe.",
        "experience": [
            ("Lead Designer", "Mucho Studio", "Barcelona, Spain", (2020, 2), None, True, [
                "Created the visual identity of 25 restaurants and three hotel groups",
                "Art directed photo shoots and managed a team of four designers",
            ]),
            ("Graphic Designer", "Pentagram", "London, United Kingdom", (2017, 5), (2020, 1), False, [
                "Designed packaging for a national supermarket own-brand range",
                "Produced exhibition graphics for the Design Museum",
            ]),
        ],
        "education": [("Escola Massana", "BA", "Graphic Design", (2013, 9), (2017, 6), None)],
        "skills": {"Design": ["Brand identity", "Packaging", "Typography", "Art direction"], "Software": ["Figma", "Adobe Illustrator", "InDesign", "Photoshop"]},
        "languages": [("Spanish", "Native"), ("Catalan", "Native"), ("English", "Fluent")],
        "projects": [("Mar Salado", "Identity and packaging for a sea salt brand, shortlisted for the Pentawards", ["Illustrator", "Blender"])],
        "achievements": ["Laus Silver Award 2021 for packaging design"],
        "hobbies": ["Ceramics", "Film photography"],
    },
    {
        "key": "teacher", "lang": "en", "name": "Thomas Mwangi", "title": "Secondary School Mathematics Teacher",
        "email": "t.mwangi@yahoo.com", "phone": "+254 722 555 019", "city": "Nairobi", "country": "Kenya",
        "links": [],
        "summary": "Mathematics teacher with 11 years of experience who raised national exam pass rates through small-group coaching and practical lessons.",
        "experience": [
            ("Head of Mathematics", "Alliance High School", "Kikuyu, Kenya", (2018, 1), None, True, [
                "Lead a department of nine teachers and plan the curriculum for 1,200 students",
                "Raised the KCSE mathematics mean grade from B- to B+ in four years",
            ]),
            ("Mathematics Teacher", "Starehe Boys Centre", "Nairobi, Kenya", (2012, 1), (2017, 12), False, [
                "Taught mathematics and physics to forms one to four",
                "Coached the school team to the national mathematics contest finals",
            ]),
        ],
        "education": [
            ("Kenyatta University", "Bachelor of Education", "Mathematics and Physics", (2007, 9), (2011, 11), None),
            ("University of Nairobi", "Master of Science", "Applied Mathematics", (2014, 1), (2016, 6), None),
        ],
        "skills": {"Teaching": ["Curriculum design", "Differentiated instruction", "Assessment"], "Tools": ["GeoGebra", "Google Classroom", "Excel"]},
        "languages": [("English", "Fluent"), ("Swahili", "Native")],
        "courses": [("Teaching Mathematics with Technology", "Coursera", (2020, 4))],
        "volunteer": [("Tutor", "Kibera Reading Club", (2015, 3), (2019, 12), False, "Weekend maths tutoring for primary pupils")],
        "hobbies": ["Football coaching", "Reading"],
    },
    {
        "key": "data_scientist", "lang": "en", "name": "Priya Raghavan", "title": "Data Scientist",
        "email": "priya.raghavan@proton.me", "phone": "+1 415 555 0199", "city": "San Francisco", "state": "CA",
        "links": ["github.com/priyar", "linkedin.com/in/priyaraghavan", "priyar.dev"],
        "summary": "Data scientist working on experimentation and causal inference for consumer products, with a PhD in statistics.",
        "experience": [
            ("Senior Data Scientist", "Airbnb", "San Francisco, CA", (2021, 6), None, True, [
                "Built the experimentation platform's variance reduction method, shortening tests by 30 percent",
                "Partnered with pricing to estimate demand elasticity across 40 markets",
            ]),
            ("Data Scientist", "Lyft", "San Francisco, CA", (2018, 8), (2021, 5), False, [
                "Modelled driver supply and shipped a forecasting service in production",
            ]),
        ],
        "education": [
            ("Stanford University", "PhD", "Statistics", (2013, 9), (2018, 6), None),
            ("Indian Institute of Technology Madras", "BTech", "Electrical Engineering", (2009, 7), (2013, 5), "9.1/10"),
        ],
        "skills": {"Methods": ["Causal inference", "Bayesian statistics", "Experimentation"], "Tools": ["Python", "R", "Spark", "dbt"]},
        "publications": [("Variance Reduction for Marketplace Experiments", ["Priya Raghavan", "Ken Ito"], "Journal of Causal Inference", (2022, 3), "10.1515/jci-2021-0042")],
        "speaking": [("Faster Experiments with CUPED", "PyData San Francisco", (2022, 11), "San Francisco, CA")],
        "languages": [("English", "Fluent"), ("Tamil", "Native"), ("Hindi", "Intermediate")],
        "hobbies": ["Carnatic music", "Hiking"],
    },
    {
        "key": "chef", "lang": "en", "name": "Marco Bianchi", "title": "Head Chef",
        "email": "marco.bianchi.chef@gmail.com", "phone": "+39 333 123 4567", "city": "Milan", "country": "Italy",
        "links": ["instagram.com/marcobianchicucina"],
        "summary": "Head chef trained in classic Italian and French kitchens, running seasonal menus with local producers.",
        "experience": [
            ("Head Chef", "Trattoria del Ponte", "Milan, Italy", (2019, 3), None, True, [
                "Run a kitchen brigade of 12 serving 180 covers a night",
                "Cut food costs by 18 percent through nose-to-tail menus and supplier negotiation",
            ]),
            ("Sous Chef", "Le Jules Verne", "Paris, France", (2015, 10), (2019, 2), False, [
                "Managed the fish and sauce sections in a Michelin-starred kitchen",
            ]),
            ("Chef de Partie", "Osteria Francescana", "Modena, Italy", (2012, 4), (2015, 9), False, [
                "Prepared pasta and desserts on the tasting menu",
            ]),
        ],
        "education": [("ALMA International School of Italian Cuisine", "Diploma", "Culinary Arts", (2010, 9), (2012, 3), None)],
        "skills": {"Kitchen": ["Menu development", "Food costing", "HACCP", "Fresh pasta", "Butchery"]},
        "languages": [("Italian", "Native"), ("French", "Fluent"), ("English", "Good")],
        "certifications": [("HACCP Level 3", "Highfield", (2019, 5))],
        "hobbies": ["Cycling", "Wine tasting"],
    },
    {
        "key": "lawyer", "lang": "en", "name": "Rebecca Stein", "title": "Corporate Attorney",
        "email": "rstein@steinlaw.com", "phone": "+1 212 555 0134", "city": "New York", "state": "NY",
        "links": ["linkedin.com/in/rebeccastein"],
        "summary": "Corporate attorney advising venture-backed companies on financings, mergers and governance.",
        "experience": [
            ("Senior Associate", "Cooley LLP", "New York, NY", (2019, 9), None, True, [
                "Advised on 30 venture financings totalling 900 million dollars",
                "Led due diligence teams on technology acquisitions",
            ]),
            ("Associate", "Skadden, Arps, Slate, Meagher & Flom", "New York, NY", (2015, 9), (2019, 8), False, [
                "Drafted merger agreements and disclosure schedules for public company deals",
            ]),
        ],
        "education": [
            ("Columbia Law School", "JD", "Law", (2012, 8), (2015, 5), None),
            ("Cornell University", "BA", "Government", (2008, 8), (2012, 5), None),
        ],
        "skills": {"Practice": ["Venture capital", "Mergers and acquisitions", "Corporate governance"]},
        "certifications": [("New York State Bar", "New York State Board of Law Examiners", (2016, 1))],
        "publications": [("Founder-Friendly Terms in Down Rounds", ["Rebecca Stein"], "Columbia Business Law Review", (2021, 4), None)],
        "languages": [("English", "Native"), ("Hebrew", "Conversational")],
    },
    {
        "key": "civil_engineer", "lang": "en", "name": "Kwame Asante", "title": "Civil Engineer",
        "email": "kwame.asante@engineer.com", "phone": "+233 24 555 7788", "city": "Accra", "country": "Ghana",
        "links": [],
        "summary": "Civil engineer with experience in road and bridge design, site supervision and contract management.",
        "experience": [
            ("Project Engineer", "Arup", "Accra, Ghana", (2019, 2), None, True, [
                "Managed the design of a 14 km urban highway with two interchanges",
                "Coordinated 6 subcontractors and kept the project 3 weeks ahead of schedule",
            ]),
            ("Site Engineer", "Consar Limited", "Kumasi, Ghana", (2015, 8), (2019, 1), False, [
                "Supervised reinforced concrete works for a 120 m river bridge",
                "Prepared bills of quantities and monthly valuations",
            ]),
        ],
        "education": [("Kwame Nkrumah University of Science and Technology", "BSc", "Civil Engineering", (2011, 8), (2015, 6), None)],
        "skills": {"Engineering": ["Highway design", "Structural analysis", "Contract management"], "Software": ["AutoCAD Civil 3D", "SAP2000", "Primavera P6"]},
        "certifications": [("Professional Engineer", "Ghana Institution of Engineering", (2020, 3))],
        "languages": [("English", "Fluent"), ("Twi", "Native")],
        "hobbies": ["Football", "Drawing"],
    },
    {
        "key": "marketing_manager", "lang": "en", "name": "Sophie Tremblay", "title": "Marketing Manager",
        "email": "sophie.tremblay@icloud.com", "phone": "+1 514 555 0177", "city": "Montreal", "country": "Canada",
        "links": ["linkedin.com/in/sophietremblay"],
        "summary": "Bilingual marketing manager growing consumer brands through content, paid social and lifecycle email.",
        "experience": [
            ("Marketing Manager", "Frank And Oak", "Montreal, Canada", (2020, 5), None, True, [
                "Grew the email list from 80,000 to 310,000 subscribers",
                "Managed a yearly paid media budget of 2 million dollars with a 4.1 return on ad spend",
            ]),
            ("Content Marketing Specialist", "Shopify", "Ottawa, Canada", (2017, 3), (2020, 4), False, [
                "Wrote and edited the merchant blog read by 1 million visitors a month",
            ]),
        ],
        "education": [("McGill University", "Bachelor of Commerce", "Marketing", (2013, 9), (2017, 5), None)],
        "skills": {"Marketing": ["Lifecycle email", "Paid social", "SEO", "Brand strategy"], "Tools": ["HubSpot", "Google Analytics", "Klaviyo"]},
        "languages": [("French", "Native"), ("English", "Fluent"), ("Spanish", "Intermediate")],
        "achievements": ["Grew online revenue by 45 percent in 2021"],
        "speaking": [("Email That People Want to Read", "Web Summit", (2022, 11), "Lisbon, Portugal")],
        "hobbies": ["Yoga", "Travel"],
    },
    {
        "key": "chemist", "lang": "en", "name": "Hiroshi Tanaka", "title": "Research Chemist",
        "email": "hiroshi.tanaka@kyoto-chem.jp", "phone": "+81 90 1234 5678", "city": "Kyoto", "country": "Japan",
        "links": ["orcid.org/0000-0002-1825-0097"],
        "summary": "Synthetic chemist working on catalysts for greener pharmaceutical manufacturing.",
        "experience": [
            ("Research Scientist", "Takeda Pharmaceutical", "Osaka, Japan", (2018, 4), None, True, [
                "Developed a nickel-catalysed coupling that removed two steps from an API route",
                "Supervised three junior chemists",
            ]),
            ("Postdoctoral Researcher", "ETH Zurich", "Zurich, Switzerland", (2016, 4), (2018, 3), False, [
                "Studied photoredox catalysis for C-H functionalisation",
            ]),
        ],
        "education": [("Kyoto University", "PhD", "Organic Chemistry", (2013, 4), (2016, 3), None), ("Kyoto University", "MSc", "Chemistry", (2011, 4), (2013, 3), None)],
        "skills": {"Laboratory": ["Organic synthesis", "NMR spectroscopy", "HPLC", "Process chemistry"]},
        "publications": [
            ("Nickel-Catalysed Cross-Coupling of Aryl Ethers", ["Hiroshi Tanaka", "Anna Keller"], "Journal of the American Chemical Society", (2019, 7), "10.1021/jacs.9b04512"),
            ("Photoredox Routes to Complex Amines", ["Hiroshi Tanaka"], "Angewandte Chemie", (2017, 10), None),
        ],
        "languages": [("Japanese", "Native"), ("English", "Fluent"), ("German", "Basic")],
        "achievements": ["JSPS Research Fellowship 2014"],
    },
    {
        "key": "sales_rep", "lang": "en", "name": "Carlos Mendoza", "title": "Account Executive",
        "email": "carlos.mendoza@hotmail.com", "phone": "+52 55 1234 5678", "city": "Mexico City", "country": "Mexico",
        "links": ["linkedin.com/in/carlosmendoza"],
        "summary": "Account executive who closes mid-market SaaS deals across Latin America.",
        "experience": [
            ("Account Executive", "Salesforce", "Mexico City, Mexico", (2020, 1), None, True, [
                "Closed 2.3 million dollars of new annual revenue in 2022, 131 percent of quota",
                "Opened the retail vertical in Mexico with 18 new logos",
            ]),
            ("Sales Development Representative", "Oracle", "Mexico City, Mexico", (2017, 6), (2019, 12), False, [
                "Booked 220 qualified meetings for the enterprise team",
            ]),
        ],
        "education": [("Tecnológico de Monterrey", "BBA", "International Business", (2013, 8), (2017, 5), None)],
        "skills": {"Sales": ["Solution selling", "Negotiation", "Pipeline management"], "Tools": ["Salesforce CRM", "Outreach", "Gong"]},
        "languages": [("Spanish", "Native"), ("English", "Fluent"), ("Portuguese", "Intermediate")],
        "achievements": ["President's Club 2021 and 2022"],
        "hobbies": ["Salsa dancing", "Running marathons"],
    },
    {
        "key": "product_manager_fr", "lang": "fr", "name": "Camille Dubois", "title": "Cheffe de produit",
        "email": "camille.dubois@orange.fr", "phone": "+33 6 12 34 56 78", "city": "Lyon", "country": "France",
        "links": ["linkedin.com/in/camilledubois"],
        "summary": "Cheffe de produit avec 8 ans d'expérience dans le e-commerce et les applications mobiles, passionnée par la recherche utilisateur.",
        "experience": [
            ("Cheffe de produit senior", "BlaBlaCar", "Paris, France", (2020, 9), None, True, [
                "Pilotage de la refonte du parcours de réservation, +12 % de conversion",
                "Animation d'une équipe de 9 développeurs et 2 designers",
            ]),
            ("Cheffe de projet digital", "Decathlon", "Lille, France", (2016, 1), (2020, 8), False, [
                "Lancement de l'application mobile dans 6 pays",
                "Mise en place des tests A/B et des indicateurs produit",
            ]),
        ],
        "education": [("Université Lyon 2", "Master", "Management de l'innovation", (2013, 9), (2015, 6), None)],
        "skills": {"Produit": ["Recherche utilisateur", "Priorisation", "Scrum"], "Outils": ["Jira", "Figma", "Amplitude", "SQL"]},
        "languages": [("Français", "Langue maternelle"), ("Anglais", "Courant"), ("Espagnol", "Notions")],
        "certifications": [("Professional Scrum Product Owner I", "Scrum.org", (2019, 3))],
        "hobbies": ["Escalade", "Photographie", "Théâtre"],
    },
    {
        "key": "mechanical_engineer_de", "lang": "de", "name": "Jonas Weber", "title": "Maschinenbauingenieur",
        "email": "jonas.weber@web.de", "phone": "+49 151 23456789", "city": "München", "country": "Deutschland",
        "links": ["xing.com/profile/Jonas_Weber"],
        "summary": "Maschinenbauingenieur mit Schwerpunkt Antriebstechnik und 6 Jahren Erfahrung in der Automobilindustrie.",
        "experience": [
            ("Entwicklungsingenieur", "BMW Group", "München, Deutschland", (2019, 10), None, True, [
                "Auslegung von Getriebekomponenten für elektrische Antriebe",
                "Reduzierung der Bauteilkosten um 9 Prozent durch Simulation",
            ]),
            ("Werkstudent Konstruktion", "Siemens", "Erlangen, Deutschland", (2017, 4), (2019, 9), False, [
                "Konstruktion von Vorrichtungen in Siemens NX",
            ]),
        ],
        "education": [("Technische Universität München", "Master of Science", "Maschinenwesen", (2016, 10), (2019, 9), "1,7")],
        "skills": {"Software": ["Siemens NX", "ANSYS", "MATLAB", "Python"], "Fachgebiete": ["Antriebstechnik", "FEM-Simulation", "Konstruktion"]},
        "languages": [("Deutsch", "Muttersprache"), ("Englisch", "Verhandlungssicher"), ("Französisch", "Grundkenntnisse")],
        "hobbies": ["Bergsteigen", "Skifahren"],
    },
    {
        "key": "accountant_es", "lang": "es", "name": "Elena Martínez García", "title": "Contable",
        "email": "elena.martinez@gmail.com", "phone": "+34 655 123 987", "city": "Madrid", "country": "España",
        "links": [],
        "summary": "Contable con 10 años de experiencia en cierres contables, fiscalidad y auditoría para empresas del sector industrial.",
        "experience": [
            ("Responsable de contabilidad", "Grupo Antolin", "Burgos, España", (2018, 2), None, True, [
                "Coordinación del cierre mensual y consolidación de 7 filiales",
                "Implantación de SAP S/4HANA en el área financiera",
            ]),
            ("Auditora", "KPMG", "Madrid, España", (2013, 9), (2018, 1), False, [
                "Auditoría de cuentas anuales de empresas industriales y de distribución",
            ]),
        ],
        "education": [("Universidad Complutense de Madrid", "Grado", "Administración y Dirección de Empresas", (2009, 9), (2013, 6), None)],
        "skills": {"Áreas": ["Contabilidad financiera", "Fiscalidad", "Consolidación"], "Herramientas": ["SAP", "Excel", "A3 Asesor"]},
        "languages": [("Español", "Nativo"), ("Inglés", "Avanzado")],
        "certifications": [("Auditora inscrita en el ROAC", "ICAC", (2017, 6))],
        "hobbies": ["Pádel", "Lectura"],
    },
    {
        "key": "ux_researcher_de", "lang": "de", "name": "Lena Hoffmann", "title": "UX-Researcherin",
        "email": "lena.hoffmann@posteo.de", "phone": "+49 170 9876543", "city": "Berlin", "country": "Deutschland",
        "links": ["linkedin.com/in/lenahoffmann"],
        "summary": "UX-Researcherin mit Hintergrund in Psychologie, die qualitative und quantitative Methoden für digitale Produkte verbindet.",
        "experience": [
            ("Senior UX-Researcherin", "Zalando", "Berlin, Deutschland", (2021, 3), None, True, [
                "Aufbau eines Research-Repositorys für 15 Produktteams",
                "Durchführung von über 200 Nutzerinterviews pro Jahr",
            ]),
            ("UX-Designerin", "N26", "Berlin, Deutschland", (2018, 1), (2021, 2), False, [
                "Gestaltung des Onboardings der Banking-App",
            ]),
        ],
        "education": [("Humboldt-Universität zu Berlin", "Master of Science", "Psychologie", (2015, 10), (2017, 12), None)],
        "skills": {"Methoden": ["Nutzerinterviews", "Usability-Tests", "Umfragen"], "Tools": ["Dovetail", "Figma", "SPSS"]},
        "languages": [("Deutsch", "Muttersprache"), ("Englisch", "Fließend")],
        "hobbies": ["Fotografie", "Kochen"],
    },
    {
        "key": "architect_es", "lang": "es", "name": "Javier Ruiz Moreno", "title": "Arquitecto",
        "email": "javier.ruiz@arquired.es", "phone": "+34 699 876 543", "city": "Sevilla", "country": "España",
        "links": ["javierruiz.es"],
        "summary": "Arquitecto especializado en rehabilitación energética y vivienda social.",
        "experience": [
            ("Arquitecto jefe de proyecto", "Estudio Lamela", "Madrid, España", (2019, 5), None, True, [
                "Dirección de proyectos de vivienda social con más de 300 viviendas",
                "Coordinación con ingenierías y constructoras",
            ]),
            ("Arquitecto", "Cruz y Ortiz Arquitectos", "Sevilla, España", (2014, 10), (2019, 4), False, [
                "Desarrollo de proyectos de ejecución en BIM",
            ]),
        ],
        "education": [("Universidad de Sevilla", "Máster", "Arquitectura", (2008, 9), (2014, 7), None)],
        "skills": {"Software": ["Revit", "AutoCAD", "Rhino", "CYPE"]},
        "languages": [("Español", "Nativo"), ("Inglés", "Avanzado"), ("Italiano", "Intermedio")],
        "achievements": ["Premio COAM 2020 a la mejor rehabilitación"],
        "hobbies": ["Acuarela", "Senderismo"],
    },
    {
        "key": "devops_fr", "lang": "fr", "name": "Nicolas Lefèvre", "title": "Ingénieur DevOps",
        "email": "nicolas.lefevre@free.fr", "phone": "+33 7 98 76 54 32", "city": "Nantes", "country": "France",
        "links": ["github.com/nlefevre", "gitlab.com/nlefevre"],
        "summary": "Ingénieur DevOps qui automatise l'infrastructure cloud et rend les déploiements ennuyeux.",
        "experience": [
            ("Ingénieur DevOps", "OVHcloud", "Roubaix, France", (2019, 6), None, True, [
                "Migration de 400 services vers Kubernetes",
                "Mise en place de l'observabilité avec Prometheus et Grafana",
            ]),
            ("Administrateur systèmes", "Capgemini", "Nantes, France", (2015, 9), (2019, 5), False, [
                "Exploitation de serveurs Linux pour des clients bancaires",
            ]),
        ],
        "education": [("École Centrale de Nantes", "Diplôme d'ingénieur", "Informatique", (2012, 9), (2015, 6), None)],
        "skills": {"Cloud": ["Kubernetes", "Terraform", "Ansible", "AWS"], "Langages": ["Go", "Python", "Bash"]},
        "languages": [("Français", "Langue maternelle"), ("Anglais", "Courant")],
        "certifications": [("AWS Certified Solutions Architect", "Amazon Web Services", (2021, 9))],
        "hobbies": ["Voile", "Jeux de société"],
    },
    {
        "key": "professor_long", "lang": "en", "name": "Eleanor Whitfield", "title": "Professor of Marine Ecology",
        "email": "e.whitfield@soton.ac.uk", "phone": "+44 23 8059 5000", "city": "Southampton", "country": "United Kingdom",
        "links": ["orcid.org/0000-0001-5109-3700", "scholar.google.com/citations?user=ewhitfield"],
        "summary": "Marine ecologist studying how warming seas reshape coastal food webs. I lead a group of twelve researchers, teach ecology and statistics, and advise government agencies on fisheries policy.",
        "experience": [
            ("Professor of Marine Ecology", "University of Southampton", "Southampton, United Kingdom", (2017, 9), None, True, [
                "Lead the Coastal Ecosystems Group of twelve researchers, with 4.2 million pounds of grant funding since 2017",
                "Teach the second-year Marine Ecology module to 180 students and the postgraduate Statistics for Ecologists course",
                "Chair the faculty research ethics committee",
                "Supervised nine doctoral students to completion",
            ]),
            ("Associate Professor", "University of Plymouth", "Plymouth, United Kingdom", (2011, 1), (2017, 8), False, [
                "Founded the long-term kelp forest monitoring programme along the Devon coast",
                "Secured a NERC Standard Grant of 650,000 pounds on warming and herbivory",
                "Directed the MSc Marine Conservation programme for four years",
            ]),
            ("Lecturer", "Bangor University", "Bangor, United Kingdom", (2007, 9), (2010, 12), False, [
                "Taught benthic ecology and field methods on the research vessel Prince Madog",
                "Built the stable isotope laboratory with a 120,000 pounds equipment grant",
            ]),
            ("Postdoctoral Research Fellow", "Scripps Institution of Oceanography", "San Diego, CA", (2004, 10), (2007, 8), False, [
                "Modelled sea urchin population dynamics in southern California kelp forests",
                "Ran subtidal field experiments with a team of eight divers",
            ]),
            ("Research Assistant", "Marine Biological Association", "Plymouth, United Kingdom", (2000, 7), (2001, 9), False, [
                "Sorted and identified plankton samples from the Continuous Plankton Recorder survey",
            ]),
        ],
        "education": [
            ("University of Cambridge", "PhD", "Zoology", (2001, 10), (2004, 9), None),
            ("University of Aberdeen", "BSc", "Marine Biology", (1997, 9), (2000, 6), None),
        ],
        "skills": {"Research": ["Field experiments", "Stable isotope analysis", "Scientific diving", "Population modelling"],
                   "Statistics": ["R", "Bayesian hierarchical models", "Mixed-effects models"]},
        "publications": [
            ("Warming Oceans Shift Kelp Forest Food Webs", ["Eleanor Whitfield", "Tom Hale"], "Nature Ecology and Evolution", (2021, 2), "10.1038/s41559-020-01380-9"),
            ("Herbivore Fronts in a Changing Climate", ["Eleanor Whitfield"], "Ecology Letters", (2019, 6), "10.1111/ele.13291"),
            ("Long-Term Monitoring of Devon Kelp Forests", ["Eleanor Whitfield", "Sara Quinn"], "Marine Ecology Progress Series", (2016, 3), None),
            ("Stable Isotopes Reveal Hidden Trophic Links", ["Eleanor Whitfield", "Rhys Jones"], "Oecologia", (2010, 11), "10.1007/s00442-010-1782-5"),
            ("Urchin Barrens and Recovery Thresholds", ["Eleanor Whitfield", "Paul Dayton"], "Ecological Monographs", (2007, 5), None),
        ],
        "speaking": [
            ("Kelp Forests on the Move", "British Ecological Society Annual Meeting", (2022, 12), "Edinburgh, United Kingdom"),
            ("What Warming Means for Coastal Fisheries", "Royal Society Summer Science", (2019, 7), "London, United Kingdom"),
            ("Trophic Cascades Under Climate Change", "Benthic Ecology Meeting", (2015, 3), "Quebec City, Canada"),
        ],
        "achievements": ["Fellow of the Royal Society of Biology", "Zoological Society of London Marsh Award for Marine Conservation 2018"],
        "courses": [("Advanced Scientific Diving", "Scottish Association for Marine Science", (2003, 6))],
        "volunteer": [("Trustee", "Marine Conservation Society", (2014, 1), None, True, "Advise the board on science policy and fisheries campaigns")],
        "languages": [("English", "Native"), ("Spanish", "Intermediate")],
        "hobbies": ["Sea kayaking", "Underwater photography", "Choral singing"],
    },
]
