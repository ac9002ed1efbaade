"""The chapters of the Harmonized System, as the Canadian Customs Tariff names them.

Titles: Harmonized System 2022 (World Customs Organization), in the English and French
wording of Canada's Customs Tariff (Departmental Consolidation of the Customs Tariff, CBSA),
with Canada's own chapters 98 and 99. Chapter 77 is reserved by the WCO for future use: no
goods are classified in it, so it is not a chapter a figure can belong to and is left out.

Each chapter also has the short form a sentence uses when the page lists key commodities
("Key Canadian merchandise exports to Russia were machinery and meat."). English forms are
lower case, without article; French forms carry their article ("les machines",
"l’aluminium"), because French sentences always name goods with one. Neither contains a
comma: a form is one item of a list that commas separate.

The data migration `0006_hs_chapters_2022` creates the chapters from this list, and the
fixture `fixtures/canada-russia.json` repeats the rows of the ten chapters it uses; a test
keeps the three in agreement.
"""

from typing import NamedTuple


class Chapter(NamedTuple):
    code: str
    title_en: str
    title_fr: str
    name_en: str
    name_fr: str


HS_CHAPTERS: tuple[Chapter, ...] = (
    # Section I — Live animals; animal products
    Chapter("01", "Live animals", "Animaux vivants", "live animals", "les animaux vivants"),
    Chapter(
        "02", "Meat and edible meat offal", "Viandes et abats comestibles", "meat", "la viande"
    ),
    Chapter(
        "03",
        "Fish and crustaceans, molluscs and other aquatic invertebrates",
        "Poissons et crustacés, mollusques et autres invertébrés aquatiques",
        "fish",
        "le poisson",
    ),
    Chapter(
        "04",
        "Dairy produce; birds’ eggs; natural honey; edible products of animal origin, "
        "not elsewhere specified or included",
        "Lait et produits de la laiterie; œufs d’oiseaux; miel naturel; produits comestibles "
        "d’origine animale, non dénommés ni compris ailleurs",
        "dairy products and eggs",
        "les produits laitiers et les œufs",
    ),
    Chapter(
        "05",
        "Products of animal origin, not elsewhere specified or included",
        "Autres produits d’origine animale, non dénommés ni compris ailleurs",
        "other animal products",
        "les autres produits d’origine animale",
    ),
    # Section II — Vegetable products
    Chapter(
        "06",
        "Live trees and other plants; bulbs, roots and the like; cut flowers and ornamental "
        "foliage",
        "Plantes vivantes et produits de la floriculture",
        "plants and cut flowers",
        "les plantes et les fleurs coupées",
    ),
    Chapter(
        "07",
        "Edible vegetables and certain roots and tubers",
        "Légumes, plantes, racines et tubercules alimentaires",
        "vegetables",
        "les légumes",
    ),
    Chapter(
        "08",
        "Edible fruit and nuts; peel of citrus fruit or melons",
        "Fruits comestibles; écorces d’agrumes ou de melons",
        "fruit and nuts",
        "les fruits et les noix",
    ),
    Chapter(
        "09",
        "Coffee, tea, maté and spices",
        "Café, thé, maté et épices",
        "coffee and tea",
        "le café et le thé",
    ),
    Chapter("10", "Cereals", "Céréales", "cereals", "les céréales"),
    Chapter(
        "11",
        "Products of the milling industry; malt; starches; inulin; wheat gluten",
        "Produits de la minoterie; malt; amidons et fécules; inuline; gluten de froment",
        "milling products",
        "les produits de la minoterie",
    ),
    Chapter(
        "12",
        "Oil seeds and oleaginous fruits; miscellaneous grains, seeds and fruit; industrial "
        "or medicinal plants; straw and fodder",
        "Graines et fruits oléagineux; graines, semences et fruits divers; plantes "
        "industrielles ou médicinales; pailles et fourrages",
        "oilseeds",
        "les graines oléagineuses",
    ),
    Chapter(
        "13",
        "Lac; gums, resins and other vegetable saps and extracts",
        "Gommes, résines et autres sucs et extraits végétaux",
        "gums and resins",
        "les gommes et les résines",
    ),
    Chapter(
        "14",
        "Vegetable plaiting materials; vegetable products not elsewhere specified or included",
        "Matières à tresser et autres produits d’origine végétale, non dénommés ni compris "
        "ailleurs",
        "plaiting materials",
        "les matières à tresser",
    ),
    # Section III — Fats and oils
    Chapter(
        "15",
        "Animal, vegetable or microbial fats and oils and their cleavage products; prepared "
        "edible fats; animal or vegetable waxes",
        "Graisses et huiles animales, végétales ou d’origine microbienne et produits de leur "
        "dissociation; graisses alimentaires élaborées; cires d’origine animale ou végétale",
        "fats and oils",
        "les graisses et les huiles",
    ),
    # Section IV — Prepared foodstuffs; beverages; tobacco
    Chapter(
        "16",
        "Preparations of meat, of fish, of crustaceans, molluscs or other aquatic "
        "invertebrates, or of insects",
        "Préparations de viande, de poissons, de crustacés, de mollusques ou d’autres "
        "invertébrés aquatiques, ou d’insectes",
        "meat and fish preparations",
        "les préparations de viande et de poisson",
    ),
    Chapter(
        "17",
        "Sugars and sugar confectionery",
        "Sucres et sucreries",
        "sugar and confectionery",
        "le sucre et les sucreries",
    ),
    Chapter(
        "18",
        "Cocoa and cocoa preparations",
        "Cacao et ses préparations",
        "cocoa and chocolate",
        "le cacao et le chocolat",
    ),
    Chapter(
        "19",
        "Preparations of cereals, flour, starch or milk; pastrycooks’ products",
        "Préparations à base de céréales, de farines, d’amidons, de fécules ou de lait; "
        "pâtisseries",
        "cereal preparations and baked goods",
        "les préparations à base de céréales et les pâtisseries",
    ),
    Chapter(
        "20",
        "Preparations of vegetables, fruit, nuts or other parts of plants",
        "Préparations de légumes, de fruits ou d’autres parties de plantes",
        "vegetable and fruit preparations",
        "les préparations de légumes et de fruits",
    ),
    Chapter(
        "21",
        "Miscellaneous edible preparations",
        "Préparations alimentaires diverses",
        "miscellaneous food preparations",
        "les préparations alimentaires diverses",
    ),
    Chapter(
        "22",
        "Beverages, spirits and vinegar",
        "Boissons, liquides alcooliques et vinaigres",
        "beverages",
        "les boissons",
    ),
    Chapter(
        "23",
        "Residues and waste from the food industries; prepared animal fodder",
        "Résidus et déchets des industries alimentaires; aliments préparés pour animaux",
        "animal feed",
        "les aliments pour animaux",
    ),
    Chapter(
        "24",
        "Tobacco and manufactured tobacco substitutes; products, whether or not containing "
        "nicotine, intended for inhalation without combustion; other nicotine containing "
        "products intended for the intake of nicotine into the human body",
        "Tabacs et succédanés de tabac fabriqués; produits, contenant ou non de la nicotine, "
        "destinés à l’inhalation sans combustion; autres produits contenant de la nicotine "
        "destinés à l’absorption de nicotine dans le corps humain",
        "tobacco",
        "le tabac",
    ),
    # Section V — Mineral products
    Chapter(
        "25",
        "Salt; sulphur; earths and stone; plastering materials, lime and cement",
        "Sel; soufre; terres et pierres; plâtres, chaux et ciments",
        "non-metallic minerals",
        "les minéraux non métalliques",
    ),
    Chapter(
        "26", "Ores, slag and ash", "Minerais, scories et cendres", "metal ores", "les minerais"
    ),
    Chapter(
        "27",
        "Mineral fuels, mineral oils and products of their distillation; bituminous "
        "substances; mineral waxes",
        "Combustibles minéraux, huiles minérales et produits de leur distillation; matières "
        "bitumineuses; cires minérales",
        "mineral fuels and oil",
        "les combustibles minéraux et le pétrole",
    ),
    # Section VI — Products of the chemical or allied industries
    Chapter(
        "28",
        "Inorganic chemicals; organic or inorganic compounds of precious metals, of "
        "rare-earth metals, of radioactive elements or of isotopes",
        "Produits chimiques inorganiques; composés inorganiques ou organiques de métaux "
        "précieux, d’éléments radioactifs, de métaux des terres rares ou d’isotopes",
        "inorganic chemicals and compounds",
        "les produits chimiques inorganiques et leurs composés",
    ),
    Chapter(
        "29",
        "Organic chemicals",
        "Produits chimiques organiques",
        "organic chemicals",
        "les produits chimiques organiques",
    ),
    Chapter(
        "30",
        "Pharmaceutical products",
        "Produits pharmaceutiques",
        "pharmaceutical products",
        "les produits pharmaceutiques",
    ),
    Chapter("31", "Fertilizers", "Engrais", "fertilizers", "les engrais"),
    Chapter(
        "32",
        "Tanning or dyeing extracts; tannins and their derivatives; dyes, pigments and other "
        "colouring matter; paints and varnishes; putty and other mastics; inks",
        "Extraits tannants ou tinctoriaux; tanins et leurs dérivés; pigments et autres "
        "matières colorantes; peintures et vernis; mastics; encres",
        "paints and dyes",
        "les peintures et les colorants",
    ),
    Chapter(
        "33",
        "Essential oils and resinoids; perfumery, cosmetic or toilet preparations",
        "Huiles essentielles et résinoïdes; produits de parfumerie ou de toilette préparés et "
        "préparations cosmétiques",
        "perfumes and cosmetics",
        "les parfums et les cosmétiques",
    ),
    Chapter(
        "34",
        "Soap, organic surface-active agents, washing preparations, lubricating preparations, "
        "artificial waxes, prepared waxes, polishing or scouring preparations, candles and "
        "similar articles, modelling pastes, “dental waxes” and dental preparations with a "
        "basis of plaster",
        "Savons, agents de surface organiques, préparations pour lessives, préparations "
        "lubrifiantes, cires artificielles, cires préparées, produits d’entretien, bougies et "
        "articles similaires, pâtes à modeler, « cires pour l’art dentaire » et compositions "
        "pour l’art dentaire à base de plâtre",
        "soaps and cleaning products",
        "les savons et les produits d’entretien",
    ),
    Chapter(
        "35",
        "Albuminoidal substances; modified starches; glues; enzymes",
        "Matières albuminoïdes; produits à base d’amidons ou de fécules modifiés; colles; enzymes",
        "glues and enzymes",
        "les colles et les enzymes",
    ),
    Chapter(
        "36",
        "Explosives; pyrotechnic products; matches; pyrophoric alloys; certain combustible "
        "preparations",
        "Poudres et explosifs; articles de pyrotechnie; allumettes; alliages pyrophoriques; "
        "matières inflammables",
        "explosives",
        "les explosifs",
    ),
    Chapter(
        "37",
        "Photographic or cinematographic goods",
        "Produits photographiques ou cinématographiques",
        "photographic goods",
        "les produits photographiques",
    ),
    Chapter(
        "38",
        "Miscellaneous chemical products",
        "Produits divers des industries chimiques",
        "miscellaneous chemical products",
        "les produits chimiques divers",
    ),
    # Section VII — Plastics and rubber
    Chapter(
        "39",
        "Plastics and articles thereof",
        "Matières plastiques et ouvrages en ces matières",
        "plastics",
        "les matières plastiques",
    ),
    Chapter(
        "40",
        "Rubber and articles thereof",
        "Caoutchouc et ouvrages en caoutchouc",
        "rubber",
        "le caoutchouc",
    ),
    # Section VIII — Hides, skins, leather, furskins
    Chapter(
        "41",
        "Raw hides and skins (other than furskins) and leather",
        "Peaux (autres que les pelleteries) et cuirs",
        "hides and leather",
        "les peaux et les cuirs",
    ),
    Chapter(
        "42",
        "Articles of leather; saddlery and harness; travel goods, handbags and similar "
        "containers; articles of animal gut (other than silk-worm gut)",
        "Ouvrages en cuir; articles de bourrellerie ou de sellerie; articles de voyage, sacs à "
        "main et contenants similaires; ouvrages en boyaux",
        "leather goods",
        "la maroquinerie",
    ),
    Chapter(
        "43",
        "Furskins and artificial fur; manufactures thereof",
        "Pelleteries et fourrures; pelleteries factices",
        "furs",
        "les fourrures",
    ),
    # Section IX — Wood, cork, basketware
    Chapter(
        "44",
        "Wood and articles of wood; wood charcoal",
        "Bois, charbon de bois et ouvrages en bois",
        "wood and wood products",
        "le bois et les ouvrages en bois",
    ),
    Chapter("45", "Cork and articles of cork", "Liège et ouvrages en liège", "cork", "le liège"),
    Chapter(
        "46",
        "Manufactures of straw, of esparto or of other plaiting materials; basketware and "
        "wickerwork",
        "Ouvrages de sparterie ou de vannerie",
        "basketware",
        "la vannerie",
    ),
    # Section X — Pulp, paper and paperboard
    Chapter(
        "47",
        "Pulp of wood or of other fibrous cellulosic material; recovered (waste and scrap) "
        "paper or paperboard",
        "Pâtes de bois ou d’autres matières fibreuses cellulosiques; papier ou carton à "
        "recycler (déchets et rebuts)",
        "wood pulp",
        "la pâte de bois",
    ),
    Chapter(
        "48",
        "Paper and paperboard; articles of paper pulp, of paper or of paperboard",
        "Papiers et cartons; ouvrages en pâte de cellulose, en papier ou en carton",
        "paper and paperboard",
        "le papier et le carton",
    ),
    Chapter(
        "49",
        "Printed books, newspapers, pictures and other products of the printing industry; "
        "manuscripts, typescripts and plans",
        "Produits de l’édition, de la presse ou des autres industries graphiques; textes "
        "manuscrits ou dactylographiés et plans",
        "books and printed matter",
        "les livres et les imprimés",
    ),
    # Section XI — Textiles and textile articles
    Chapter("50", "Silk", "Soie", "silk", "la soie"),
    Chapter(
        "51",
        "Wool, fine or coarse animal hair; horsehair yarn and woven fabric",
        "Laine, poils fins ou grossiers; fils et tissus de crin",
        "wool",
        "la laine",
    ),
    Chapter("52", "Cotton", "Coton", "cotton", "le coton"),
    Chapter(
        "53",
        "Other vegetable textile fibres; paper yarn and woven fabrics of paper yarn",
        "Autres fibres textiles végétales; fils de papier et tissus de fils de papier",
        "vegetable textile fibres",
        "les fibres textiles végétales",
    ),
    Chapter(
        "54",
        "Man-made filaments; strip and the like of man-made textile materials",
        "Filaments synthétiques ou artificiels; lames et formes similaires en matières "
        "textiles synthétiques ou artificielles",
        "man-made filaments",
        "les filaments synthétiques et artificiels",
    ),
    Chapter(
        "55",
        "Man-made staple fibres",
        "Fibres synthétiques ou artificielles discontinues",
        "man-made staple fibres",
        "les fibres synthétiques et artificielles discontinues",
    ),
    Chapter(
        "56",
        "Wadding, felt and nonwovens; special yarns; twine, cordage, ropes and cables and "
        "articles thereof",
        "Ouates, feutres et nontissés; fils spéciaux; ficelles, cordes et cordages; articles "
        "de corderie",
        "nonwovens and cordage",
        "les nontissés et les cordages",
    ),
    Chapter(
        "57",
        "Carpets and other textile floor coverings",
        "Tapis et autres revêtements de sol en matières textiles",
        "carpets",
        "les tapis",
    ),
    Chapter(
        "58",
        "Special woven fabrics; tufted textile fabrics; lace; tapestries; trimmings; embroidery",
        "Tissus spéciaux; surfaces textiles touffetées; dentelles; tapisseries; "
        "passementeries; broderies",
        "special fabrics and lace",
        "les tissus spéciaux et les dentelles",
    ),
    Chapter(
        "59",
        "Impregnated, coated, covered or laminated textile fabrics; textile articles of a kind "
        "suitable for industrial use",
        "Tissus imprégnés, enduits, recouverts ou stratifiés; articles techniques en matières "
        "textiles",
        "technical textiles",
        "les textiles techniques",
    ),
    Chapter(
        "60",
        "Knitted or crocheted fabrics",
        "Étoffes de bonneterie",
        "knitted fabrics",
        "les étoffes de bonneterie",
    ),
    Chapter(
        "61",
        "Articles of apparel and clothing accessories, knitted or crocheted",
        "Vêtements et accessoires du vêtement, en bonneterie",
        "knitted clothing",
        "les vêtements en bonneterie",
    ),
    Chapter(
        "62",
        "Articles of apparel and clothing accessories, not knitted or crocheted",
        "Vêtements et accessoires du vêtement, autres qu’en bonneterie",
        "clothing other than knitwear",
        "les vêtements autres qu’en bonneterie",
    ),
    Chapter(
        "63",
        "Other made up textile articles; sets; worn clothing and worn textile articles; rags",
        "Autres articles textiles confectionnés; assortiments; friperie et chiffons",
        "other textile articles",
        "les autres articles textiles",
    ),
    # Section XII — Footwear, headgear, umbrellas, feathers
    Chapter(
        "64",
        "Footwear, gaiters and the like; parts of such articles",
        "Chaussures, guêtres et articles analogues; parties de ces objets",
        "footwear",
        "les chaussures",
    ),
    Chapter(
        "65",
        "Headgear and parts thereof",
        "Coiffures et parties de coiffures",
        "hats and other headgear",
        "les chapeaux et autres coiffures",
    ),
    Chapter(
        "66",
        "Umbrellas, sun umbrellas, walking-sticks, seat-sticks, whips, riding-crops and parts "
        "thereof",
        "Parapluies, ombrelles, parasols, cannes, cannes-sièges, fouets, cravaches et leurs "
        "parties",
        "umbrellas and walking sticks",
        "les parapluies et les cannes",
    ),
    Chapter(
        "67",
        "Prepared feathers and down and articles made of feathers or of down; artificial "
        "flowers; articles of human hair",
        "Plumes et duvet apprêtés et articles en plumes ou en duvet; fleurs artificielles; "
        "ouvrages en cheveux",
        "feathers and artificial flowers",
        "les plumes et les fleurs artificielles",
    ),
    # Section XIII — Stone, ceramics, glass
    Chapter(
        "68",
        "Articles of stone, plaster, cement, asbestos, mica or similar materials",
        "Ouvrages en pierres, plâtre, ciment, amiante, mica ou matières analogues",
        "articles of stone and cement",
        "les ouvrages en pierre et en ciment",
    ),
    Chapter("69", "Ceramic products", "Produits céramiques", "ceramics", "les produits céramiques"),
    Chapter(
        "70",
        "Glass and glassware",
        "Verre et ouvrages en verre",
        "glass and glassware",
        "le verre et les ouvrages en verre",
    ),
    # Section XIV — Pearls, precious stones and metals
    Chapter(
        "71",
        "Natural or cultured pearls, precious or semi-precious stones, precious metals, "
        "metals clad with precious metal, and articles thereof; imitation jewellery; coin",
        "Perles fines ou de culture, pierres gemmes ou similaires, métaux précieux, plaqués ou "
        "doublés de métaux précieux et ouvrages en ces matières; bijouterie de fantaisie; "
        "monnaies",
        "precious stones and metals",
        "les pierres et métaux précieux",
    ),
    # Section XV — Base metals
    Chapter("72", "Iron and steel", "Fonte, fer et acier", "iron and steel", "le fer et l’acier"),
    Chapter(
        "73",
        "Articles of iron or steel",
        "Ouvrages en fonte, fer ou acier",
        "articles of iron or steel",
        "les ouvrages en fer ou en acier",
    ),
    Chapter(
        "74", "Copper and articles thereof", "Cuivre et ouvrages en cuivre", "copper", "le cuivre"
    ),
    Chapter(
        "75", "Nickel and articles thereof", "Nickel et ouvrages en nickel", "nickel", "le nickel"
    ),
    Chapter(
        "76",
        "Aluminum and articles thereof",
        "Aluminium et ouvrages en aluminium",
        "aluminum",
        "l’aluminium",
    ),
    # 77 is reserved by the WCO for possible future use: no goods are classified in it.
    Chapter("78", "Lead and articles thereof", "Plomb et ouvrages en plomb", "lead", "le plomb"),
    Chapter("79", "Zinc and articles thereof", "Zinc et ouvrages en zinc", "zinc", "le zinc"),
    Chapter("80", "Tin and articles thereof", "Étain et ouvrages en étain", "tin", "l’étain"),
    Chapter(
        "81",
        "Other base metals; cermets; articles thereof",
        "Autres métaux communs; cermets; ouvrages en ces matières",
        "other base metals",
        "les autres métaux communs",
    ),
    Chapter(
        "82",
        "Tools, implements, cutlery, spoons and forks, of base metal; parts thereof of base metal",
        "Outils et outillage, articles de coutellerie et couverts de table, en métaux "
        "communs; parties de ces articles, en métaux communs",
        "tools and cutlery",
        "les outils et la coutellerie",
    ),
    Chapter(
        "83",
        "Miscellaneous articles of base metal",
        "Ouvrages divers en métaux communs",
        "miscellaneous articles of base metal",
        "les ouvrages divers en métaux communs",
    ),
    # Section XVI — Machinery and electrical equipment
    Chapter(
        "84",
        "Nuclear reactors, boilers, machinery and mechanical appliances; parts thereof",
        "Réacteurs nucléaires, chaudières, machines, appareils et engins mécaniques; parties "
        "de ces machines ou appareils",
        "machinery",
        "les machines",
    ),
    Chapter(
        "85",
        "Electrical machinery and equipment and parts thereof; sound recorders and "
        "reproducers, television image and sound recorders and reproducers, and parts and "
        "accessories of such articles",
        "Machines, appareils et matériels électriques et leurs parties; appareils "
        "d’enregistrement ou de reproduction du son, appareils d’enregistrement ou de "
        "reproduction des images et du son en télévision, et parties et accessoires de ces "
        "appareils",
        "electrical and electronic equipment",
        "le matériel électrique et électronique",
    ),
    # Section XVII — Vehicles, aircraft, vessels
    Chapter(
        "86",
        "Railway or tramway locomotives, rolling-stock and parts thereof; railway or tramway "
        "track fixtures and fittings and parts thereof; mechanical (including "
        "electro-mechanical) traffic signalling equipment of all kinds",
        "Véhicules et matériel pour voies ferrées ou similaires et leurs parties; appareils "
        "mécaniques (y compris électromécaniques) de signalisation pour voies de "
        "communication",
        "railway equipment",
        "le matériel ferroviaire",
    ),
    Chapter(
        "87",
        "Vehicles other than railway or tramway rolling-stock, and parts and accessories thereof",
        "Voitures automobiles, tracteurs, cycles et autres véhicules terrestres, leurs parties "
        "et accessoires",
        "motor vehicles",
        "les véhicules automobiles",
    ),
    Chapter(
        "88",
        "Aircraft, spacecraft, and parts thereof",
        "Navigation aérienne ou spatiale",
        "aircraft and parts",
        "les aéronefs et leurs pièces",
    ),
    Chapter(
        "89",
        "Ships, boats and floating structures",
        "Navigation maritime ou fluviale",
        "ships and boats",
        "les navires et les bateaux",
    ),
    # Section XVIII — Instruments, clocks, musical instruments
    Chapter(
        "90",
        "Optical, photographic, cinematographic, measuring, checking, precision, medical or "
        "surgical instruments and apparatus; parts and accessories thereof",
        "Instruments et appareils d’optique, de photographie ou de cinématographie, de "
        "mesure, de contrôle ou de précision; instruments et appareils médico-chirurgicaux; "
        "parties et accessoires de ces instruments ou appareils",
        "precision and medical instruments",
        "les instruments de précision et médicaux",
    ),
    Chapter(
        "91",
        "Clocks and watches and parts thereof",
        "Horlogerie",
        "clocks and watches",
        "l’horlogerie",
    ),
    Chapter(
        "92",
        "Musical instruments; parts and accessories of such articles",
        "Instruments de musique; parties et accessoires de ces instruments",
        "musical instruments",
        "les instruments de musique",
    ),
    # Section XIX — Arms and ammunition
    Chapter(
        "93",
        "Arms and ammunition; parts and accessories thereof",
        "Armes, munitions et leurs parties et accessoires",
        "arms and ammunition",
        "les armes et les munitions",
    ),
    # Section XX — Miscellaneous manufactured articles
    Chapter(
        "94",
        "Furniture; bedding, mattresses, mattress supports, cushions and similar stuffed "
        "furnishings; luminaires and lighting fittings, not elsewhere specified or included; "
        "illuminated signs, illuminated name-plates and the like; prefabricated buildings",
        "Meubles; mobilier médico-chirurgical; articles de literie et similaires; luminaires "
        "et appareils d’éclairage, non dénommés ni compris ailleurs; lampes-réclames, "
        "enseignes lumineuses, plaques indicatrices lumineuses et articles similaires; "
        "constructions préfabriquées",
        "furniture and lighting",
        "les meubles et les luminaires",
    ),
    Chapter(
        "95",
        "Toys, games and sports requisites; parts and accessories thereof",
        "Jouets, jeux, articles pour divertissements ou pour sports; leurs parties et accessoires",
        "toys and sporting goods",
        "les jouets et les articles de sport",
    ),
    Chapter(
        "96",
        "Miscellaneous manufactured articles",
        "Ouvrages divers",
        "miscellaneous manufactured articles",
        "les articles manufacturés divers",
    ),
    # Section XXI — Works of art
    Chapter(
        "97",
        "Works of art, collectors’ pieces and antiques",
        "Objets d’art, de collection ou d’antiquité",
        "works of art and antiques",
        "les œuvres d’art et les antiquités",
    ),
    # Canada's own chapters (the HS leaves 98 and 99 to each country)
    Chapter(
        "98",
        "Special classification provisions – non-commercial",
        "Dispositions de classification spéciale – non commerciales",
        "goods under non-commercial special provisions",
        "les marchandises relevant de dispositions spéciales non commerciales",
    ),
    Chapter(
        "99",
        "Special classification provisions – commercial",
        "Dispositions de classification spéciale – commerciales",
        "goods under commercial special provisions",
        "les marchandises relevant de dispositions spéciales commerciales",
    ),
)


def hs_chapters_ensure(chapter_model) -> int:
    """Create the chapters that are missing and give every known chapter its titles.

    `chapter_model` is the HSChapter model (the historical one in a migration). The titles
    are reference data and always set; the sentence forms of an existing chapter are the
    editors' and are kept, unless empty. Returns how many chapters were created.
    """
    existing = {chapter.code: chapter for chapter in chapter_model.objects.all()}
    created = []
    for chapter in HS_CHAPTERS:
        row = existing.get(chapter.code)
        if row is None:
            created.append(chapter_model(**chapter._asdict()))
            continue
        row.title_en, row.title_fr = chapter.title_en, chapter.title_fr
        row.name_en = row.name_en or chapter.name_en
        row.name_fr = row.name_fr or chapter.name_fr
        row.save(update_fields=["title_en", "title_fr", "name_en", "name_fr"])
    chapter_model.objects.bulk_create(created)
    return len(created)
