"""Demo experiences (good practices) of member cities, for `make serve` and manual testing.

Forty fictionalised but plausible case studies over the network's five regions, each written
entirely in the language of its city (en, es, fr, pt). Names of people are never used; contacts are
roles. Amounts are in the local currency, in whole units, and stay below 2**31 so that they fit the
integer column on every database. `TRANSLATIONS` pairs an experience with its translation into
another language (the same case study, listed twice in `EXPERIENCES`).
"""

EXPERIENCES = [
    {
        "external_id": "demo-001",
        "title": "Orçamento Participativo híbrido: assembleias de bairro e votação digital em Canoas",
        "summary": ("Canoas combinou assembleias presenciais nos quatro quadrantes da cidade com uma plataforma "
                    "de votação online para decidir, todos os anos, o destino de parte dos investimentos "
                    "municipais. O modelo ampliou a participação de jovens e de trabalhadores que não podiam "
                    "comparecer às reuniões noturnas."),
        "description": (
            "<p>Desde 2017, a Prefeitura de Canoas organiza o seu <strong>Orçamento Participativo (OP)</strong> "
            "num ciclo anual que combina encontros presenciais e participação digital. O ciclo começa em março "
            "com 16 assembleias territoriais nos bairros, onde moradoras e moradores apresentam demandas e "
            "elegem delegados. Em seguida, as equipes técnicas das secretarias analisam a viabilidade e o custo "
            "de cada proposta.</p>"
            "<p>As propostas viáveis são submetidas a votação em setembro, tanto em urnas instaladas em escolas "
            "e unidades de saúde como numa plataforma online, com validação pelo CPF e pelo número de celular. "
            "Cada pessoa a partir dos 16 anos pode escolher até três obras ou serviços da sua região.</p>"
            "<p>O Conselho do Orçamento Participativo, formado pelos delegados eleitos, acompanha a execução "
            "das obras e publica um relatório semestral de andamento. Um percentual fixo de 3% do orçamento de "
            "investimentos é reservado ao OP.</p>"),
        "language": "pt",
        "city": "Canoas",
        "country": "BR",
        "themes": ["participatory-budgeting", "e-participation"],
        "mechanism": "participatory-budget",
        "scale": "city",
        "start_year": 2017,
        "end_year": None,
        "participants": 31400,
        "budget": 18000000,
        "currency": "BRL",
        "results": (
            "<p>Entre 2017 e 2023, a participação passou de 9.800 para 31.400 votantes, dos quais 58% votaram "
            "pela internet. Foram aprovadas 212 demandas, com taxa de execução de 74%, entre elas a "
            "pavimentação de ruas no Guajuviras, duas praças no Mathias Velho e a ampliação de uma unidade "
            "básica de saúde no bairro Harmonia.</p>"
            "<p>Uma avaliação realizada com a universidade local mostrou que 41% dos votantes digitais nunca "
            "tinham participado de uma assembleia do OP.</p>"),
        "lessons": (
            "<p>A votação digital só amplia a participação quando é acompanhada de mobilização presencial e de "
            "pontos de apoio para quem não tem acesso à internet; a divulgação regular do andamento das obras "
            "é decisiva para manter a confiança no processo.</p>"),
        "sdgs": [16, 11],
        "url": "https://example.org/experiences/canoas-op-hibrido",
        "contact": "Coordenação do Orçamento Participativo, Prefeitura de Canoas",
        "state": "published",
    },
    {
        "external_id": "demo-002",
        "title": "Concejos Vecinales: tres décadas de participación territorial en Montevideo",
        "summary": ("Los 18 Concejos Vecinales de Montevideo, integrados por vecinas y vecinos electos, "
                    "proponen prioridades para el Presupuesto Participativo y hacen el seguimiento de los "
                    "servicios municipales en cada zona."),
        "description": (
            "<p>Los <strong>Concejos Vecinales</strong> de Montevideo se crearon en 1993 en el marco del proceso "
            "de descentralización de la Intendencia. Hoy funcionan 18 concejos, uno por cada zona comunal, "
            "integrados por vecinas y vecinos electos por voto secreto cada cinco años, con más de 600 "
            "concejales honorarios en total.</p>"
            "<p>Los concejos son órganos consultivos: proponen prioridades para el Presupuesto Participativo, "
            "opinan sobre el plan de obras de cada municipio y realizan el seguimiento de los servicios de "
            "limpieza, alumbrado y espacios públicos. Se organizan en comisiones temáticas (urbanismo, salud, "
            "cultura, género) que se reúnen cada quince días en los Centros Comunales Zonales.</p>"
            "<p>La Intendencia aporta apoyo técnico mediante equipos sociales en cada zona y un programa anual "
            "de formación para concejales sobre presupuesto, planificación urbana y resolución de "
            "conflictos.</p>"),
        "language": "es",
        "city": "Montevideo",
        "country": "UY",
        "themes": ["neighbourhood-councils", "participatory-planning"],
        "mechanism": "advisory-council",
        "scale": "city",
        "start_year": 1993,
        "end_year": None,
        "participants": 112000,
        "budget": None,
        "currency": "",
        "results": (
            "<p>En la elección de 2020 se presentaron 1.150 candidaturas y votaron 112.000 personas. Entre 2015 "
            "y 2020 los concejos presentaron 347 iniciativas al Presupuesto Participativo, de las cuales 189 "
            "fueron ejecutadas, entre ellas la recuperación de la rambla del Cerro y la mejora de 14 "
            "policlínicas barriales. Según una encuesta de 2021, el 38% de la población conoce al concejo de su "
            "zona.</p>"),
        "lessons": (
            "<p>La continuidad institucional durante tres décadas ha dado legitimidad a los concejos, pero "
            "obliga a renovar las formas de convocatoria para atraer a jóvenes y evitar la sobrecarga de un "
            "núcleo reducido de concejales con muchos años de actividad.</p>"),
        "sdgs": [16, 11],
        "url": "https://example.org/experiences/montevideo-concejos-vecinales",
        "contact": "Unidad de Participación y Descentralización, Intendencia de Montevideo",
        "state": "published",
    },
    {
        "external_id": "demo-003",
        "title": "Presupuesto Participativo Joven: las juventudes de las comunas deciden proyectos culturales y de empleo",
        "summary": ("Entre 2015 y 2019, Medellín reservó una bolsa del Presupuesto Participativo para "
                    "iniciativas diseñadas y votadas por jóvenes de 14 a 28 años en las 16 comunas y los 5 "
                    "corregimientos."),
        "description": (
            "<p>El programa nació de una demanda de las mesas de juventud de las comunas, que constataban la "
            "baja presencia de jóvenes en las asambleas barriales del Presupuesto Participativo. La Alcaldía "
            "decidió reservar una bolsa específica y diseñar un ciclo adaptado a sus horarios y lenguajes.</p>"
            "<p>El ciclo tenía cuatro etapas:</p>"
            "<ul><li>convocatoria en colegios, universidades y colectivos culturales;</li>"
            "<li>laboratorios de ideas en cada comuna, acompañados por facilitadores jóvenes;</li>"
            "<li>revisión técnica por parte de la Secretaría de la Juventud;</li>"
            "<li>votación en puntos móviles y en línea, abierta a jóvenes de 14 a 28 años.</li></ul>"
            "<p>Los proyectos ganadores eran ejecutados por organizaciones juveniles del propio territorio, que "
            "recibían acompañamiento contable y administrativo de la Alcaldía.</p>"),
        "language": "es",
        "city": "Medellín",
        "country": "CO",
        "themes": ["youth-participation", "participatory-budgeting"],
        "mechanism": "participatory-budget",
        "scale": "city",
        "start_year": 2015,
        "end_year": 2019,
        "participants": 46300,
        "budget": 1800000000,
        "currency": "COP",
        "results": (
            "<p>En cinco ciclos participaron 46.300 jóvenes y se financiaron 263 proyectos: escuelas de hip hop "
            "en la Comuna 13, huertas urbanas en Manrique, cursos de programación en Robledo y festivales de "
            "cine en los corregimientos rurales. El 62% de las organizaciones ejecutoras recibía recursos "
            "públicos por primera vez.</p>"
            "<p>La evaluación externa señaló como principal debilidad los retrasos de hasta nueve meses en los "
            "desembolsos.</p>"),
        "lessons": (
            "<p>Reservar recursos específicos y delegar la ejecución en colectivos juveniles genera apropiación, "
            "pero exige simplificar los trámites administrativos y acompañar a las organizaciones para que los "
            "retrasos no desmotiven a quienes participan.</p>"),
        "sdgs": [16, 4, 10],
        "url": "https://example.org/experiences/medellin-pp-joven",
        "contact": "Secretaría de la Juventud, Alcaldía de Medellín",
        "state": "published",
    },
    {
        "external_id": "demo-004",
        "title": "Presupuesto Participativo con perspectiva de género en los seis distritos de Rosario",
        "summary": ("Rosario incorporó criterios de género a todas las etapas de su Presupuesto Participativo, "
                    "con talleres específicos para mujeres y diversidades, espacios de cuidado y paridad en los "
                    "consejos participativos de distrito."),
        "description": (
            "<p>El Presupuesto Participativo de Rosario se organiza en los seis distritos municipales. En una "
            "primera ronda de asambleas barriales, las vecinas y los vecinos identifican problemas y eligen "
            "consejeras y consejeros, que durante varios meses elaboran proyectos junto con las áreas técnicas "
            "municipales. Los proyectos se votan luego en cada distrito.</p>"
            "<p>A partir de 2003, el Área de la Mujer propuso transversalizar la perspectiva de género: "
            "<strong>talleres de diagnóstico exclusivos para mujeres</strong>, espacios de cuidado infantil "
            "durante las reuniones, horarios compatibles con las tareas de cuidado y una regla de paridad en la "
            "elección de consejeras y consejeros.</p>"
            "<p>Además, cada distrito cuenta con una línea de proyectos orientados a la igualdad, como la "
            "iluminación de recorridos inseguros, centros de atención a víctimas de violencia o capacitaciones "
            "laborales para mujeres jefas de hogar.</p>"),
        "language": "es",
        "city": "Rosario",
        "country": "AR",
        "themes": ["gender-equality", "participatory-budgeting"],
        "mechanism": "participatory-budget",
        "scale": "city",
        "start_year": 2003,
        "end_year": None,
        "participants": 78000,
        "budget": 1500000000,
        "currency": "ARS",
        "results": (
            "<p>La proporción de mujeres entre las consejeras y consejeros pasó del 44% en 2002 al 61% en 2022. "
            "Desde 2003 se ejecutaron más de 120 proyectos con enfoque de género, entre ellos 38 recorridos "
            "iluminados en los distritos Sudoeste y Oeste y tres casas de acogida. En la edición 2023 votaron "
            "78.000 personas.</p>"),
        "lessons": (
            "<p>La perspectiva de género debe atravesar toda la metodología —horarios, cuidados, paridad— y no "
            "limitarse a una línea temática; el apoyo sostenido de un área especializada fue clave para que "
            "estos criterios sobrevivieran a los cambios de gestión.</p>"),
        "sdgs": [5, 16, 11],
        "url": "https://example.org/experiences/rosario-pp-genero",
        "contact": "Dirección de Presupuesto Participativo, Municipalidad de Rosario",
        "state": "published",
    },
    {
        "external_id": "demo-005",
        "title": "Consulta digital y presencial del Plan Integral de Movilidad de la Ciudad de México",
        "summary": ("La Ciudad de México desarrolló una plataforma de código abierto para someter a consulta "
                    "su Plan Integral de Movilidad, combinada con módulos presenciales en las 16 alcaldías y con "
                    "la publicación de todas las aportaciones en datos abiertos."),
        "description": (
            "<p>Para elaborar su Plan Integral de Movilidad, la Secretaría de Movilidad abrió entre octubre de "
            "2019 y marzo de 2020 un proceso de consulta pública apoyado en una plataforma digital de código "
            "abierto. La ciudadanía podía comentar cada capítulo del borrador, proponer acciones nuevas y "
            "apoyar las propuestas de otras personas.</p>"
            "<p>Para reducir la brecha digital se instalaron <strong>48 módulos presenciales</strong> en "
            "estaciones del Metro y del Metrobús y en mercados de las 16 alcaldías, donde personal capacitado "
            "ayudaba a registrar las aportaciones. Todas las contribuciones, incluidas las presenciales, se "
            "publicaron en formato de datos abiertos.</p>"
            "<p>Cada propuesta con más de 500 apoyos recibió una respuesta pública y motivada de la Secretaría, "
            "que indicaba si se incorporaba al plan, se modificaba o se descartaba, y por qué.</p>"),
        "language": "es",
        "city": "Ciudad de México",
        "country": "MX",
        "themes": ["e-participation", "public-consultation", "open-government"],
        "mechanism": "digital-platform",
        "scale": "metropolitan",
        "start_year": 2019,
        "end_year": 2022,
        "participants": 27600,
        "budget": 14500000,
        "currency": "MXN",
        "results": (
            "<p>Se registraron 27.600 participantes y 9.340 aportaciones; el 31% provino de los módulos "
            "presenciales, sobre todo en Iztapalapa, Gustavo A. Madero y Tláhuac. El plan definitivo incorporó "
            "212 propuestas ciudadanas, entre ellas 60 km de ciclovías en el oriente de la ciudad.</p>"
            "<p>La plataforma se reutilizó en 2021 y 2022 para otras cuatro consultas antes de integrarse en el "
            "portal de participación del gobierno de la ciudad.</p>"),
        "lessons": (
            "<p>Responder públicamente a cada propuesta relevante fue lo más valorado por las personas "
            "participantes; combinar canales digitales y presenciales es indispensable en una metrópoli con "
            "fuertes desigualdades de acceso a internet.</p>"),
        "sdgs": [11, 16, 9],
        "url": "https://example.org/experiences/cdmx-consulta-movilidad",
        "contact": "Dirección de Participación Ciudadana, Secretaría de Movilidad de la Ciudad de México",
        "state": "published",
    },
    {
        "external_id": "demo-006",
        "title": "Observatório Cidadão da Gestão Participativa de Fortaleza",
        "summary": ("Criado em parceria com universidades e movimentos comunitários, o observatório monitora o "
                    "cumprimento das deliberações participativas e publica indicadores sobre a execução das "
                    "demandas aprovadas pela população."),
        "description": (
            "<p>O <strong>Observatório Cidadão</strong> foi instituído em 2012 por decreto municipal, como espaço "
            "autônomo de monitoramento das políticas participativas da Prefeitura de Fortaleza. A coordenação é "
            "colegiada: dois representantes da gestão municipal, dois de universidades públicas e cinco de "
            "organizações comunitárias das Secretarias Executivas Regionais.</p>"
            "<p>O observatório acompanha as demandas aprovadas nos fóruns territoriais e no planejamento "
            "participativo, cruzando dados do sistema orçamentário com visitas de campo feitas por monitores "
            "comunitários capacitados. Os resultados são publicados num painel online e num boletim "
            "trimestral.</p>"
            "<p>Todos os anos, o observatório realiza uma audiência pública na Câmara Municipal para apresentar o "
            "<strong>Índice de Cumprimento das Deliberações</strong>, que mede o percentual de demandas "
            "executadas por região e por área temática.</p>"),
        "language": "pt",
        "city": "Fortaleza",
        "country": "BR",
        "themes": ["local-observatories", "social-accountability"],
        "mechanism": "monitoring-observatory",
        "scale": "city",
        "start_year": 2012,
        "end_year": None,
        "participants": 340,
        "budget": 650000,
        "currency": "BRL",
        "results": (
            "<p>Desde 2014 foram formados 340 monitores comunitários, que realizaram mais de 2.100 visitas de "
            "verificação. O índice de cumprimento passou de 37% em 2014 para 63% em 2022, e a divulgação dos "
            "dados por região levou a Prefeitura a priorizar obras paralisadas no Grande Bom Jardim e na Barra "
            "do Ceará.</p>"),
        "lessons": (
            "<p>A credibilidade do observatório depende da sua autonomia em relação à gestão e da parceria com as "
            "universidades, que garantem rigor metodológico; dados simples e comparáveis por território "
            "mobilizam mais do que relatórios extensos.</p>"),
        "sdgs": [16, 11, 17],
        "url": "https://example.org/experiences/fortaleza-observatorio-cidadao",
        "contact": "Coordenadoria de Participação Social, Prefeitura de Fortaleza",
        "state": "published",
    },
    {
        "external_id": "demo-007",
        "title": "Laboratorios ciudadanos para el Plan de Acción Climática de Cuenca",
        "summary": ("Cuenca diseñó su primer Plan de Acción Climática mediante laboratorios de co-creación en "
                    "parroquias urbanas y rurales, con la participación de juntas parroquiales, regantes, "
                    "estudiantes y gremios del transporte."),
        "description": (
            "<p>En 2021 el GAD Municipal de Cuenca inició la elaboración de su Plan de Acción Climática con la "
            "convicción de que las medidas de mitigación y adaptación solo serían viables si las comunidades las "
            "hacían suyas. Se organizaron <strong>22 laboratorios ciudadanos</strong> en parroquias urbanas y "
            "rurales, con una metodología de co-diseño en tres sesiones: diagnóstico de riesgos, generación de "
            "ideas y priorización.</p>"
            "<p>Los laboratorios reunieron a juntas parroquiales, juntas de regantes, colectivos de ciclistas, "
            "comerciantes de los mercados y estudiantes universitarios. Se prestó especial atención a la "
            "protección de las cuencas de los ríos Tomebamba, Yanuncay, Tarqui y Machángara, de las que depende "
            "el agua potable de la ciudad.</p>"
            "<p>Las propuestas se sistematizaron en una plataforma en línea y se validaron en un foro ciudadano "
            "final en 2023, antes de su aprobación por el Concejo Cantonal.</p>"),
        "language": "es",
        "city": "Cuenca",
        "country": "EC",
        "themes": ["climate-environment", "participatory-planning"],
        "mechanism": "co-design-workshop",
        "scale": "city",
        "start_year": 2021,
        "end_year": 2023,
        "participants": 1870,
        "budget": 180000,
        "currency": "USD",
        "results": (
            "<p>Participaron 1.870 personas. El plan aprobado incluye 46 medidas, 19 de ellas surgidas "
            "directamente de los laboratorios, como la restauración de 300 hectáreas de páramo con las "
            "comunidades de Chaucha y Molleturo o un programa de compostaje en los mercados municipales. Se creó "
            "además un comité ciudadano de seguimiento con 15 integrantes.</p>"),
        "lessons": (
            "<p>Trabajar por cuencas hidrográficas, y no solo por límites administrativos, facilitó el diálogo "
            "entre la población urbana y la rural; los plazos técnicos del plan deben ajustarse al calendario "
            "agrícola para asegurar la participación campesina.</p>"),
        "sdgs": [13, 11, 6],
        "url": "https://example.org/experiences/cuenca-laboratorios-clima",
        "contact": "Dirección de Gestión Ambiental, GAD Municipal de Cuenca",
        "state": "published",
    },
    {
        "external_id": "demo-008",
        "title": "Reconstruction participative du quartier de Bas-Ville à Jacmel",
        "summary": ("Après le séisme de 2010, la mairie de Jacmel a animé des ateliers de co-conception avec les "
                    "habitants de Bas-Ville pour planifier la reconstruction des ruelles, des points d'eau et des "
                    "espaces publics du quartier."),
        "description": (
            "<p>Le séisme du 12 janvier 2010 a gravement endommagé le centre historique de Jacmel. Face à la "
            "multiplication d'interventions d'organisations internationales peu coordonnées, la mairie a créé en "
            "2011 une <strong>table de concertation de quartier</strong> à Bas-Ville, réunissant les comités de "
            "quartier, les églises, les associations de marchandes et les représentants des ONG.</p>"
            "<p>Pendant six mois, des ateliers de cartographie participative ont permis d'identifier les maisons "
            "à risque, les ruelles impraticables et les besoins en eau et en assainissement. Les habitants ont "
            "ensuite co-conçu avec des architectes haïtiens le plan d'aménagement du quartier, en créole et à "
            "l'aide de maquettes.</p>"
            "<p>Un comité de suivi élu par l'assemblée du quartier vérifiait l'avancement des chantiers et "
            "recueillait les plaintes, présentées chaque mois lors d'une réunion publique à la mairie.</p>"),
        "language": "fr",
        "city": "Jacmel",
        "country": "HT",
        "themes": ["participatory-planning", "social-accountability"],
        "mechanism": "co-design-workshop",
        "scale": "neighbourhood",
        "start_year": 2011,
        "end_year": 2014,
        "participants": 1200,
        "budget": 95000000,
        "currency": "HTG",
        "results": (
            "<p>Le plan a permis de réhabiliter 2,4 km de ruelles, d'installer 11 kiosques d'eau gérés par des "
            "comités d'usagers et d'aménager une place publique. Environ 1 200 habitants ont participé à au moins "
            "un atelier. Une évaluation menée en 2015 a montré que 80 % des ménages interrogés jugeaient le "
            "processus plus transparent que les interventions antérieures.</p>"),
        "lessons": (
            "<p>En situation post-catastrophe, la coordination des acteurs extérieurs par la collectivité "
            "locale, appuyée sur une instance de quartier légitime, est indispensable ; l'usage du créole et de "
            "supports visuels a été déterminant pour l'implication des habitants.</p>"),
        "sdgs": [11, 6, 16],
        "url": "https://example.org/experiences/jacmel-bas-ville",
        "contact": "Service de l'urbanisme et de l'aménagement, Mairie de Jacmel",
        "state": "published",
    },
    {
        "external_id": "demo-009",
        "title": "Asamblea Ciudadana sobre prevención de incendios en los cerros de Valparaíso",
        "summary": ("Cuarenta y cinco personas seleccionadas por sorteo deliberaron durante cinco fines de semana "
                    "y entregaron 28 recomendaciones al Concejo Municipal para reducir el riesgo de incendios en "
                    "la interfaz urbano-forestal."),
        "description": (
            "<p>Tras los grandes incendios que afectaron a los cerros de Valparaíso, la Municipalidad convocó en "
            "2022 su primera <strong>asamblea ciudadana por sorteo</strong>. Se enviaron 8.000 invitaciones a "
            "hogares escogidos al azar; entre las 612 personas que respondieron se seleccionaron 45 integrantes, "
            "de modo que el grupo reflejara la composición de la comuna por género, edad, cerro de residencia y "
            "nivel educativo.</p>"
            "<p>Durante cinco fines de semana, las y los asambleístas escucharon a bomberos, especialistas "
            "forestales, dirigentes vecinales y personas afectadas, visitaron quebradas con microbasurales y "
            "deliberaron en pequeños grupos con facilitación profesional. Cada participante recibió una "
            "compensación económica y apoyo para el cuidado infantil.</p>"
            "<p>Antes del inicio, el Concejo Municipal se comprometió a responder por escrito a cada "
            "recomendación en un plazo de tres meses.</p>"),
        "language": "es",
        "city": "Valparaíso",
        "country": "CL",
        "themes": ["citizen-assemblies", "climate-environment"],
        "mechanism": "deliberative-assembly",
        "scale": "city",
        "start_year": 2022,
        "end_year": 2023,
        "participants": 45,
        "budget": 120000000,
        "currency": "CLP",
        "results": (
            "<p>La asamblea aprobó 28 recomendaciones y el Concejo aceptó 21, entre ellas un plan de limpieza de "
            "quebradas con brigadas vecinales remuneradas, una ordenanza sobre cortafuegos en terrenos privados "
            "y un sistema de alerta temprana por SMS. A fines de 2023 se habían limpiado 64 quebradas. El 93% de "
            "las y los asambleístas declaró que volvería a participar.</p>"),
        "lessons": (
            "<p>El compromiso previo de respuesta del Concejo dio credibilidad al proceso; el sorteo permitió "
            "incorporar voces habitualmente ausentes, como las de jóvenes y arrendatarios, pero requiere "
            "recursos importantes para compensaciones y logística.</p>"),
        "sdgs": [13, 11, 16],
        "url": "https://example.org/experiences/valparaiso-asamblea-incendios",
        "contact": "Departamento de Participación Ciudadana, Municipalidad de Valparaíso",
        "state": "published",
    },
    {
        "external_id": "demo-010",
        "title": "Budget participatif sensible au genre dans les quartiers de Saint-Louis",
        "summary": ("Depuis 2010, la commune de Saint-Louis consacre une part de son budget d'investissement à "
                    "des projets choisis dans les quartiers, avec des forums réservés aux femmes et la parité "
                    "parmi les délégués."),
        "description": (
            "<p>Le <strong>budget participatif</strong> de Saint-Louis a été lancé en 2010 à l'initiative du "
            "conseil municipal, avec l'appui du réseau et de partenaires de la coopération décentralisée. "
            "Chaque année, 10 % du budget d'investissement communal est soumis au choix des habitants des "
            "quartiers, regroupés en trois zones : l'Île, la Langue de Barbarie et le Sor.</p>"
            "<p>Le cycle comprend des forums de quartier, des <strong>forums spécifiques pour les "
            "femmes</strong>, organisés en wolof à des heures compatibles avec le marché, l'élection de délégués "
            "selon une règle de parité, puis un forum communal de priorisation. Les groupements de promotion "
            "féminine sont associés à l'identification des besoins.</p>"
            "<p>Un comité de suivi paritaire contrôle l'exécution des projets et rend compte lors d'une séance "
            "publique annuelle tenue à l'hôtel de ville.</p>"),
        "language": "fr",
        "city": "Saint-Louis",
        "country": "SN",
        "themes": ["participatory-budgeting", "gender-equality"],
        "mechanism": "participatory-budget",
        "scale": "city",
        "start_year": 2010,
        "end_year": None,
        "participants": 9500,
        "budget": 350000000,
        "currency": "XOF",
        "results": (
            "<p>De 2010 à 2023, 146 projets ont été financés, dont des bornes-fontaines à Pikine, l'éclairage de "
            "ruelles à Guet Ndar, la réhabilitation de la maternité du Sor et des unités de transformation des "
            "produits de la pêche gérées par des groupements de femmes. La part des femmes parmi les délégués est "
            "passée de 18 % à 49 %. Environ 9 500 habitants participent chaque année aux forums.</p>"),
        "lessons": (
            "<p>Les forums réservés aux femmes ont fait émerger des priorités absentes des assemblées mixtes, "
            "comme l'accès à l'eau et la santé maternelle ; la régularité de la séance publique de redevabilité "
            "a renforcé la confiance entre habitants et élus.</p>"),
        "sdgs": [5, 16, 6],
        "url": "https://example.org/experiences/saint-louis-budget-participatif",
        "contact": "Cellule du budget participatif, Commune de Saint-Louis",
        "state": "published",
    },
    {
        "external_id": "demo-011",
        "title": "Audiences publiques de redevabilité de la commune de Dschang",
        "summary": ("Deux fois par an, l'exécutif municipal de Dschang présentait l'exécution du budget et des "
                    "projets aux habitants réunis en audience publique, retransmise à la radio communautaire et "
                    "suivie d'engagements chiffrés."),
        "description": (
            "<p>En 2014, la commune de Dschang, dans la région de l'Ouest du Cameroun, a institutionnalisé par "
            "arrêté municipal des <strong>audiences publiques de redevabilité</strong>. Deux fois par an, le "
            "maire et ses adjoints présentent, à l'hôtel de ville puis dans les groupements ruraux, l'état "
            "d'exécution du budget communal, les marchés publics attribués et l'avancement des projets.</p>"
            "<p>Les documents (budget simplifié, liste des marchés, tableau des projets) sont affichés dix jours à "
            "l'avance dans les chefferies et les marchés et présentés à la radio communautaire, qui retransmet "
            "l'audience en direct en français et en yemba. Chaque question du public reçoit une réponse orale ou "
            "écrite dans un délai d'un mois.</p>"
            "<p>À la fin de l'audience, une fiche d'appréciation permet aux habitants de noter la gestion "
            "communale, et les engagements pris sont suivis par un comité citoyen de sept membres.</p>"),
        "language": "fr",
        "city": "Dschang",
        "country": "CM",
        "themes": ["social-accountability", "open-government"],
        "mechanism": "other",
        "scale": "city",
        "start_year": 2014,
        "end_year": 2021,
        "participants": 6800,
        "budget": 12000000,
        "currency": "XAF",
        "results": (
            "<p>Quinze audiences ont réuni au total environ 6 800 personnes. Le recouvrement des taxes "
            "communales a progressé de 23 % entre 2014 et 2019, ce que la commune attribue à la confiance accrue "
            "des contribuables. Trois marchés contestés ont été réexaminés à la suite des questions du "
            "public.</p>"),
        "lessons": (
            "<p>La retransmission radio en langue locale a considérablement élargi l'audience ; le dispositif a "
            "cependant été fragilisé en 2020 et 2021 par la crise sanitaire et par l'absence d'un budget propre "
            "au comité citoyen.</p>"),
        "sdgs": [16, 17],
        "url": "https://example.org/experiences/dschang-audiences-redevabilite",
        "contact": "Secrétariat général, Commune de Dschang",
        "state": "published",
    },
    {
        "external_id": "demo-012",
        "title": "Orçamento Participativo Municipal de Maputo: do distrito ao bairro",
        "summary": ("Entre 2008 e 2018, o Conselho Municipal de Maputo destinou parte do orçamento de "
                    "investimento a obras escolhidas pelos munícipes em reuniões de bairro, com forte envolvimento "
                    "dos secretários de bairro e dos conselhos consultivos."),
        "description": (
            "<p>O Orçamento Participativo de Maputo foi lançado em 2008 nos sete distritos municipais. Até 2011, "
            "os projetos eram decididos ao nível distrital; a partir de 2012, a metodologia passou a privilegiar "
            "o bairro, com votação direta em cada um dos 63 bairros da cidade, com base nas propostas levantadas "
            "nas reuniões comunitárias.</p>"
            "<p>O ciclo anual incluía reuniões de auscultação nos quarteirões, organizadas com os "
            "<strong>secretários de bairro</strong> e os chefes de quarteirão; a análise técnica pelas "
            "vereações; a votação por voto secreto em pontos fixos; e a monitoria pelos conselhos consultivos de "
            "bairro, que recebiam formação em acompanhamento de obras.</p>"
            "<p>O valor destinado a cada distrito era calculado com base na população e num índice de carência de "
            "infraestruturas, favorecendo os bairros periféricos de KaMavota, KaMubukwana e KaNyaka.</p>"),
        "language": "pt",
        "city": "Maputo",
        "country": "MZ",
        "themes": ["participatory-budgeting", "neighbourhood-councils"],
        "mechanism": "participatory-budget",
        "scale": "city",
        "start_year": 2008,
        "end_year": 2018,
        "participants": 40000,
        "budget": 45000000,
        "currency": "MZN",
        "results": (
            "<p>Em dez anos foram executados 212 projetos, sobretudo de drenagem, abertura de vias de acesso, "
            "fontanários e mercados. A participação nas votações atingiu cerca de 40.000 munícipes em 2014. A "
            "avaliação de 2017 identificou atrasos em 30% das obras, associados a dificuldades de "
            "contratação.</p>"),
        "lessons": (
            "<p>A votação ao nível do bairro aproximou as decisões das necessidades reais, mas exigiu maior "
            "capacidade técnica e financeira do município; envolver as estruturas comunitárias existentes foi "
            "decisivo para a mobilização.</p>"),
        "sdgs": [11, 6, 16],
        "url": "https://example.org/experiences/maputo-orcamento-participativo",
        "contact": "Gabinete do Orçamento Participativo, Conselho Municipal de Maputo",
        "state": "published",
    },
    {
        "external_id": "demo-013",
        "title": "Conseil municipal des jeunes de Ouagadougou",
        "summary": ("Composé de 72 jeunes désignés dans les douze arrondissements, le Conseil municipal des jeunes "
                    "rend des avis sur les politiques communales et gère un fonds pour les projets des "
                    "associations de jeunesse."),
        "description": (
            "<p>Créé en 2016 par délibération du conseil municipal, le <strong>Conseil municipal des "
            "jeunes</strong> (CMJ) de Ouagadougou compte 72 membres âgés de 15 à 30 ans, six par arrondissement, "
            "élus pour deux ans par les associations de jeunesse, les établissements scolaires et les centres de "
            "formation professionnelle. La parité entre filles et garçons est obligatoire.</p>"
            "<p>Le CMJ se réunit en session plénière quatre fois par an et travaille en commissions : emploi et "
            "entrepreneuriat, éducation et culture, environnement et salubrité, citoyenneté. Il est consulté sur "
            "le budget communal et sur tout projet concernant la jeunesse ; ses avis sont présentés au conseil "
            "municipal par son président.</p>"
            "<p>Le CMJ gère également un <strong>Fonds d'initiatives jeunes</strong> qui finance chaque année une "
            "trentaine de microprojets sélectionnés par appel à candidatures.</p>"),
        "language": "fr",
        "city": "Ouagadougou",
        "country": "BF",
        "themes": ["youth-participation"],
        "mechanism": "advisory-council",
        "scale": "city",
        "start_year": 2016,
        "end_year": None,
        "participants": 3000,
        "budget": 40000000,
        "currency": "XOF",
        "results": (
            "<p>Depuis 2016, le CMJ a rendu 41 avis, dont 27 ont été suivis, notamment sur l'aménagement de "
            "terrains de sport dans les arrondissements 4 et 9 et sur la création d'un guichet unique pour "
            "l'emploi des jeunes. Le fonds a soutenu 214 microprojets (salubrité, couture, maraîchage, culture). "
            "Plus de 3 000 jeunes ont pris part aux élections internes de 2022.</p>"),
        "lessons": (
            "<p>Associer le CMJ à la préparation du budget, et pas seulement à des activités symboliques, "
            "renforce sa crédibilité ; le renouvellement rapide des membres impose un effort constant de "
            "formation et un appui technique permanent des services municipaux.</p>"),
        "sdgs": [4, 8, 16],
        "url": "https://example.org/experiences/ouagadougou-conseil-jeunes",
        "contact": "Direction de la jeunesse et des sports, Commune de Ouagadougou",
        "state": "published",
    },
    {
        "external_id": "demo-014",
        "title": "Auscultação pública do Plano Provincial de Desenvolvimento de Benguela",
        "summary": ("O Governo Provincial de Benguela realizou uma auscultação pública nos dez municípios da "
                    "província, com reuniões comunitárias, rádio interativa e mensagens SMS, para definir as "
                    "prioridades do plano de desenvolvimento."),
        "description": (
            "<p>Em 2019, o Governo Provincial de Benguela decidiu submeter a proposta do seu Plano Provincial de "
            "Desenvolvimento a uma <strong>auscultação pública</strong> alargada. A metodologia foi definida com "
            "as administrações municipais e com organizações da sociedade civil e previa três canais "
            "complementares:</p>"
            "<ul><li>reuniões comunitárias em 68 comunas e bairros dos dez municípios, com o apoio das "
            "autoridades tradicionais e das igrejas;</li>"
            "<li>programas semanais de rádio interativa nas emissoras locais, com perguntas por telefone em "
            "português e em umbundu;</li>"
            "<li>um número curto gratuito para o envio de sugestões por SMS.</li></ul>"
            "<p>As contribuições foram sistematizadas por uma equipa técnica e apresentadas num fórum provincial "
            "em fevereiro de 2020, onde se explicou que propostas tinham sido incorporadas no plano e "
            "porquê.</p>"),
        "language": "pt",
        "city": "Benguela",
        "country": "AO",
        "themes": ["public-consultation", "open-government"],
        "mechanism": "public-consultation",
        "scale": "regional",
        "start_year": 2019,
        "end_year": 2020,
        "participants": 14500,
        "budget": 85000000,
        "currency": "AOA",
        "results": (
            "<p>Participaram cerca de 14.500 pessoas nas reuniões e foram recebidas 3.900 mensagens por SMS. As "
            "prioridades expressas pela população — água potável, estradas terciárias e escolas primárias nas "
            "zonas rurais de Balombo, Chongoroi e Bocoio — levaram à redistribuição de 18% do investimento "
            "previsto a favor dos municípios do interior. Um relatório de devolução foi enviado a todas as "
            "administrações comunais.</p>"),
        "lessons": (
            "<p>A rádio local e o SMS foram os canais mais eficazes para chegar às zonas rurais; o relatório de "
            "devolução, que explica o destino de cada proposta, é essencial para não gerar frustração numa "
            "primeira experiência de participação.</p>"),
        "sdgs": [16, 6, 4],
        "url": "https://example.org/experiences/benguela-auscultacao-plano",
        "contact": "Gabinete de Estudos, Planeamento e Estatística, Governo Provincial de Benguela",
        "state": "published",
    },
    {
        "external_id": "demo-015",
        "title": "Plateforme numérique « Marsa Participe » : budget ouvert et signalements citoyens",
        "summary": ("Après les premières élections municipales organisées selon le nouveau Code des collectivités "
                    "locales, La Marsa a lancé une plateforme en ligne pour consulter le budget communal, "
                    "signaler des problèmes et suivre les travaux du conseil."),
        "description": (
            "<p>Dans le cadre de la décentralisation engagée par le Code des collectivités locales de 2018, la "
            "commune de La Marsa a développé une plateforme numérique de <strong>gouvernement ouvert</strong>, en "
            "arabe et en français, accessible sur ordinateur comme sur téléphone mobile.</p>"
            "<p>La plateforme propose trois services : la publication du budget communal sous une forme "
            "simplifiée et en données ouvertes ; un module de signalement géolocalisé (éclairage, déchets, "
            "voirie) avec suivi du traitement par les services ; la diffusion des ordres du jour, procès-verbaux "
            "et votes du conseil municipal, ainsi que la retransmission des séances en direct.</p>"
            "<p>Des ateliers d'initiation ont été organisés dans les maisons de jeunes et avec les associations de "
            "quartier, notamment à Sidi Daoud et Bhar Lazreg, pour les personnes peu familières du "
            "numérique.</p>"),
        "language": "fr",
        "city": "La Marsa",
        "country": "TN",
        "themes": ["e-participation", "open-government"],
        "mechanism": "digital-platform",
        "scale": "city",
        "start_year": 2018,
        "end_year": 2021,
        "participants": 11200,
        "budget": 380000,
        "currency": "TND",
        "results": (
            "<p>En trois ans, la plateforme a enregistré 11 200 comptes et 7 450 signalements, dont 81 % ont été "
            "traités dans un délai moyen de douze jours. Les pages consacrées au budget ont été consultées plus "
            "de 40 000 fois, et la commune a été citée comme référence nationale en matière d'accès à "
            "l'information.</p>"),
        "lessons": (
            "<p>Un outil numérique n'améliore la confiance que si les services municipaux s'organisent pour "
            "répondre rapidement ; faute de budget de maintenance après la fin du financement initial, la "
            "plateforme a dû être arrêtée en 2021.</p>"),
        "sdgs": [16, 9],
        "url": "https://example.org/experiences/la-marsa-plateforme",
        "contact": "Service de l'accès à l'information et de la communication, Commune de La Marsa",
        "state": "published",
    },
    {
        "external_id": "demo-016",
        "title": "Community climate adaptation planning in eThekwini's informal settlements",
        "summary": ("eThekwini Municipality co-designs local climate adaptation plans with residents of informal "
                    "settlements, combining community flood mapping with municipal engineering support and paid "
                    "river care teams."),
        "description": (
            "<p>The informal settlements along eThekwini's rivers are among the places most exposed to floods and "
            "landslides. In 2019 the Municipality's climate protection branch launched a programme of "
            "<strong>community adaptation planning</strong>, working with ward committees and community-based "
            "organisations in 14 settlements along the Palmiet, Umgeni and Umbilo rivers.</p>"
            "<p>Each planning process follows four steps:</p>"
            "<ul><li>community mapping walks to record flood lines, blocked drains and unstable slopes;</li>"
            "<li>co-design workshops with municipal engineers, ecologists and residents;</li>"
            "<li>a local adaptation plan, signed by the ward councillor and the community committee;</li>"
            "<li>implementation through paid community teams that clear invasive plants and maintain "
            "drains.</li></ul>"
            "<p>Residents also run a messaging-based early warning network linked to the municipal disaster "
            "management centre.</p>"),
        "language": "en",
        "city": "Durban (eThekwini)",
        "country": "ZA",
        "themes": ["climate-environment", "participatory-planning"],
        "mechanism": "co-design-workshop",
        "scale": "metropolitan",
        "start_year": 2019,
        "end_year": None,
        "participants": 4200,
        "budget": 38000000,
        "currency": "ZAR",
        "results": (
            "<p>By 2024, 14 local adaptation plans had been adopted, 310 residents had been employed in river "
            "care teams and 62 km of riverbanks had been cleared of invasive plants and waste. During the April "
            "2022 floods, early warnings helped more than 900 households in three settlements to move to safety "
            "before the peak.</p>"),
        "lessons": (
            "<p>Linking participation to paid work and visible improvements sustained engagement over several "
            "years; however, planning must be connected to longer-term housing and relocation decisions, which "
            "remain the main source of tension with residents.</p>"),
        "sdgs": [13, 11, 1],
        "url": "https://example.org/experiences/ethekwini-community-adaptation",
        "contact": "Climate Protection Branch, eThekwini Municipality",
        "state": "published",
    },
    {
        "external_id": "demo-017",
        "title": "Consulta pública sobre a integração das comunidades imigrantes na cidade da Praia",
        "summary": ("A Câmara Municipal da Praia realizou uma consulta pública com imigrantes da África Ocidental e "
                    "associações de bairro para elaborar o primeiro Plano Municipal de Integração de "
                    "Imigrantes."),
        "description": (
            "<p>A Praia acolhe milhares de imigrantes vindos sobretudo da Guiné-Bissau, do Senegal, da Nigéria e "
            "da Guiné-Conacri, concentrados em bairros como Achada Grande Trás, Ponta d'Água e Várzea. Em 2020, a "
            "Câmara Municipal decidiu elaborar um <strong>Plano Municipal de Integração</strong> e optou por uma "
            "consulta pública com participação direta das comunidades.</p>"
            "<p>A consulta decorreu em três fases: reuniões com as associações de imigrantes, em crioulo, francês "
            "e inglês; doze sessões abertas nos bairros, com mediadores interculturais; e um questionário "
            "distribuído no mercado de Sucupira e junto das associações de vendedores ambulantes. As propostas "
            "foram depois discutidas num encontro municipal com os serviços de saúde, as escolas, a polícia e a "
            "entidade nacional responsável pelas migrações.</p>"
            "<p>O plano final foi aprovado pela Assembleia Municipal em 2021.</p>"),
        "language": "pt",
        "city": "Praia",
        "country": "CV",
        "themes": ["inclusion-migrants", "public-consultation"],
        "mechanism": "public-consultation",
        "scale": "city",
        "start_year": 2020,
        "end_year": 2021,
        "participants": 1640,
        "budget": 4500000,
        "currency": "CVE",
        "results": (
            "<p>Participaram 1.640 pessoas, 54% das quais imigrantes. O plano inclui 32 medidas, entre elas um "
            "balcão de atendimento ao imigrante na Câmara, cursos gratuitos de português e de crioulo e a "
            "regularização de 420 vendedores no mercado de Sucupira. Um conselho consultivo com representantes "
            "de oito comunidades acompanha a execução.</p>"),
        "lessons": (
            "<p>A mediação intercultural e o uso de várias línguas foram decisivos para criar confiança; a "
            "consulta mostrou que muitos problemas de integração dependem de competências nacionais, o que exige "
            "articulação entre níveis de governo.</p>"),
        "sdgs": [10, 16, 8],
        "url": "https://example.org/experiences/praia-integracao-imigrantes",
        "contact": "Pelouro da Ação Social e Inclusão, Câmara Municipal da Praia",
        "state": "published",
    },
    {
        "external_id": "demo-018",
        "title": "Climate Action Map: an online platform for neighbourhood climate initiatives in Winnipeg",
        "summary": ("Winnipeg is piloting an online map where residents and community groups propose, support and "
                    "report on neighbourhood climate actions linked to the City's climate action plan."),
        "description": (
            "<p>To speed up the implementation of its climate action plan, the City of Winnipeg launched in 2024 "
            "a pilot <strong>digital platform</strong> where residents can map and propose climate actions in "
            "their neighbourhood: tree planting, active transportation routes, home energy retrofits, community "
            "gardens and food sharing.</p>"
            "<p>Proposals that gather at least 50 supports from residents of the same neighbourhood are reviewed "
            "by City staff, who respond within 30 days and, where feasible, connect proponents with existing "
            "programmes or a small grants fund. The platform also displays the City's own projects and emissions "
            "data by ward.</p>"
            "<p>The pilot runs in five neighbourhoods, including the North End, St. Boniface and Transcona, with "
            "in-person sessions at libraries and community centres and materials in English, French, Tagalog "
            "and Punjabi. Indigenous-led organisations have been invited to co-design a section on land-based "
            "knowledge.</p>"),
        "language": "en",
        "city": "Winnipeg",
        "country": "CA",
        "themes": ["climate-environment", "e-participation"],
        "mechanism": "digital-platform",
        "scale": "city",
        "start_year": 2024,
        "end_year": None,
        "participants": 1350,
        "budget": 450000,
        "currency": "CAD",
        "results": (
            "<p>In the first eight months, 1,350 residents registered and 214 proposals were published; 38 "
            "reached the support threshold and 17 received small grants, mainly for tree planting and community "
            "gardens. An evaluation with a local university is under way and will be completed in 2025.</p>"),
        "lessons": (
            "<p>Early lessons show that in-person outreach through libraries and community centres is needed to "
            "reach renters and newcomers, and that the 30-day response commitment must be realistic for City "
            "departments.</p>"),
        "sdgs": [13, 11],
        "url": "https://example.org/experiences/winnipeg-climate-action-map",
        "contact": "Office of Sustainability, City of Winnipeg",
        "state": "draft",
    },
    {
        "external_id": "demo-019",
        "title": "Presupuestos Participativos de Sevilla: asambleas de zona y autorreglamento ciudadano",
        "summary": ("Entre 2004 y 2011, Sevilla sometió a decisión ciudadana parte del presupuesto de sus distritos, "
                    "con un autorreglamento elaborado por los propios participantes y criterios de justicia social "
                    "para repartir los recursos."),
        "description": (
            "<p>Los Presupuestos Participativos de Sevilla se pusieron en marcha en 2004 en los once distritos "
            "municipales. Su rasgo más original era el <strong>autorreglamento</strong>: las normas del proceso "
            "las redactaban y revisaban cada año las propias personas participantes, reunidas en una comisión "
            "abierta.</p>"
            "<p>En las asambleas de zona, abiertas a toda persona empadronada mayor de 16 años, se presentaban y "
            "votaban propuestas y se elegían delegadas y delegados. Estos aplicaban después "
            "<strong>criterios de justicia social</strong> —población, carencias de infraestructuras, nivel de "
            "renta— para ordenar las prioridades de cada distrito, que se integraban en el presupuesto de las "
            "juntas municipales de distrito y de varias delegaciones (juventud, cultura, deportes).</p>"
            "<p>Un programa específico con centros escolares permitía además que el alumnado de primaria y "
            "secundaria elaborara propuestas para su barrio.</p>"),
        "language": "es",
        "city": "Sevilla",
        "country": "ES",
        "themes": ["participatory-budgeting", "neighbourhood-councils"],
        "mechanism": "participatory-budget",
        "scale": "city",
        "start_year": 2004,
        "end_year": 2011,
        "participants": 9000,
        "budget": 11500000,
        "currency": "EUR",
        "results": (
            "<p>En las ocho ediciones participaron de media unas 9.000 personas al año y se aprobaron alrededor "
            "de 2.400 propuestas, con un presupuesto que llegó a 11,5 millones de euros anuales. Gracias a los "
            "criterios de justicia social, barrios como el Polígono Sur, Cerro-Amate o Torreblanca recibieron más "
            "recursos. El proceso se interrumpió en 2011 tras un cambio de gobierno municipal.</p>"),
        "lessons": (
            "<p>El autorreglamento dio un protagonismo real a la ciudadanía y permitió corregir el proceso año "
            "tras año; sin embargo, la falta de un marco normativo estable hizo que la experiencia dependiera de "
            "la voluntad política del gobierno de turno.</p>"),
        "sdgs": [16, 10, 11],
        "url": "https://example.org/experiences/sevilla-presupuestos-participativos",
        "contact": "Servicio de Participación Ciudadana, Ayuntamiento de Sevilla",
        "state": "published",
    },
    {
        "external_id": "demo-020",
        "title": "Convention citoyenne métropolitaine pour le climat",
        "summary": ("Cent habitants tirés au sort dans les 49 communes de la métropole grenobloise ont formulé 43 "
                    "propositions pour réduire de moitié les émissions de gaz à effet de serre du territoire d'ici "
                    "2030."),
        "description": (
            "<p>Inspirée de la Convention citoyenne nationale, la <strong>Convention citoyenne métropolitaine pour "
            "le climat</strong> a réuni, d'octobre 2020 à juin 2021, 100 habitants tirés au sort à partir de "
            "numéros de téléphone fixes et mobiles, puis sélectionnés selon le sexe, l'âge, la catégorie "
            "socioprofessionnelle et la commune de résidence, afin de refléter la diversité des 49 communes.</p>"
            "<p>Au cours de sept sessions de week-end, dont plusieurs en visioconférence en raison de la crise "
            "sanitaire, les membres ont auditionné une quarantaine d'experts, d'élus, d'entreprises et "
            "d'associations sur la mobilité, le logement, l'alimentation et la consommation. Un collège de garants "
            "indépendants veillait à l'équilibre des informations.</p>"
            "<p>Les propositions ont été remises au conseil métropolitain, qui s'était engagé à y répondre point "
            "par point lors d'une séance publique.</p>"),
        "language": "fr",
        "city": "Grenoble",
        "country": "FR",
        "themes": ["citizen-assemblies", "climate-environment"],
        "mechanism": "deliberative-assembly",
        "scale": "metropolitan",
        "start_year": 2020,
        "end_year": 2021,
        "participants": 100,
        "budget": 480000,
        "currency": "EUR",
        "results": (
            "<p>Sur les 43 propositions, 29 ont été reprises en tout ou partie dans le Plan climat-air-énergie "
            "métropolitain, dont l'extension de la zone à faibles émissions, un fonds pour la rénovation "
            "énergétique des copropriétés et la généralisation d'une option végétarienne quotidienne dans les "
            "cantines. Une session de suivi, un an plus tard, a permis aux membres d'évaluer la mise en "
            "œuvre.</p>"),
        "lessons": (
            "<p>La réponse publique et argumentée de l'exécutif à chaque proposition est essentielle ; le format "
            "hybride imposé par la crise sanitaire a pénalisé les participants les moins équipés, d'où le prêt de "
            "tablettes et un accompagnement technique individualisé.</p>"),
        "sdgs": [13, 11, 16],
        "url": "https://example.org/experiences/grenoble-convention-climat",
        "contact": "Mission participation citoyenne, Grenoble-Alpes Métropole",
        "state": "published",
    },
    {
        "external_id": "demo-021",
        "title": "Presupuesto Participativo híbrido: asambleas barriales y votación digital en Canoas",
        "summary": ("Canoas combinó asambleas presenciales en los cuatro cuadrantes de la ciudad con una "
                    "plataforma de votación en línea para decidir, cada año, el destino de parte de las "
                    "inversiones municipales. El modelo amplió la participación de jóvenes y de trabajadores que "
                    "no podían asistir a las reuniones nocturnas."),
        "description": (
            "<p>Desde 2017, la Prefeitura (alcaldía) de Canoas organiza su <strong>Presupuesto Participativo "
            "(OP)</strong> en un ciclo anual que combina encuentros presenciales y participación digital. El "
            "ciclo comienza en marzo con 16 asambleas territoriales en los barrios, donde vecinas y vecinos "
            "presentan demandas y eligen delegados. Luego, los equipos técnicos de las secretarías analizan la "
            "viabilidad y el costo de cada propuesta.</p>"
            "<p>Las propuestas viables se someten a votación en septiembre, tanto en urnas instaladas en escuelas "
            "y centros de salud como en una plataforma en línea, con validación mediante el número de registro "
            "fiscal (CPF) y el del teléfono móvil. Cada persona a partir de los 16 años puede elegir hasta tres "
            "obras o servicios de su región.</p>"
            "<p>El Consejo del Presupuesto Participativo, formado por los delegados electos, sigue la ejecución "
            "de las obras y publica un informe semestral de avance. Un porcentaje fijo del 3% del presupuesto de "
            "inversiones está reservado al OP.</p>"),
        "language": "es",
        "city": "Canoas",
        "country": "BR",
        "themes": ["participatory-budgeting", "e-participation"],
        "mechanism": "participatory-budget",
        "scale": "city",
        "start_year": 2017,
        "end_year": None,
        "participants": 31400,
        "budget": 18000000,
        "currency": "BRL",
        "results": (
            "<p>Entre 2017 y 2023, la participación pasó de 9.800 a 31.400 votantes, de los cuales el 58% votó "
            "por internet. Se aprobaron 212 demandas, con una tasa de ejecución del 74%, entre ellas la "
            "pavimentación de calles en Guajuviras, dos plazas en Mathias Velho y la ampliación de un centro de "
            "salud en el barrio Harmonia.</p>"
            "<p>Una evaluación realizada con la universidad local mostró que el 41% de quienes votaron en línea "
            "nunca había participado en una asamblea del OP.</p>"),
        "lessons": (
            "<p>La votación digital solo amplía la participación cuando va acompañada de movilización presencial "
            "y de puntos de apoyo para quienes no tienen acceso a internet; informar con regularidad sobre el "
            "avance de las obras es decisivo para mantener la confianza en el proceso.</p>"),
        "sdgs": [16, 11],
        "url": "https://example.org/experiences/canoas-op-hibrido/es",
        "contact": "Coordinación del Presupuesto Participativo, Prefeitura de Canoas",
        "state": "published",
    },
    {
        "external_id": "demo-022",
        "title": "Requalificação participada do espaço público no bairro do Zambujal",
        "summary": ("A Câmara Municipal da Amadora co-desenhou com moradores de origem cabo-verdiana, guineense, "
                    "são-tomense e portuguesa a requalificação das praças e dos percursos pedonais do bairro do "
                    "Zambujal."),
        "description": (
            "<p>O Zambujal é um bairro de habitação municipal com cerca de 3.000 moradores, muitos deles "
            "imigrantes ou descendentes de imigrantes dos países africanos de língua portuguesa. Em 2018, a "
            "Câmara Municipal da Amadora lançou um processo de <strong>co-design</strong> para requalificar o "
            "espaço público, com o objetivo de envolver grupos habitualmente ausentes das reuniões formais, como "
            "mulheres, jovens e idosos.</p>"
            "<p>O processo incluiu percursos de diagnóstico, uma “loja aberta” instalada no bairro durante seis "
            "meses, oficinas com as crianças da escola básica e sessões com associações culturais e religiosas, "
            "em português e em crioulo. Uma equipa de arquitetos e mediadores municipais transformou as propostas "
            "em três cenários, votados numa festa do bairro.</p>"
            "<p>Durante a obra, uma comissão de acompanhamento de moradores reuniu-se mensalmente com os serviços "
            "municipais.</p>"),
        "language": "pt",
        "city": "Amadora",
        "country": "PT",
        "themes": ["inclusion-migrants", "participatory-planning"],
        "mechanism": "co-design-workshop",
        "scale": "neighbourhood",
        "start_year": 2018,
        "end_year": 2020,
        "participants": 870,
        "budget": 1200000,
        "currency": "EUR",
        "results": (
            "<p>Participaram 870 moradores. Foram requalificadas duas praças, criados um parque infantil e um "
            "campo de jogos e melhorada a iluminação de 1,3 km de percursos pedonais. Um inquérito realizado após "
            "a obra mostrou que 76% dos moradores consideravam o bairro mais seguro, e os atos de vandalismo nos "
            "equipamentos diminuíram de forma significativa.</p>"),
        "lessons": (
            "<p>A presença permanente no território e a mediação cultural foram mais eficazes do que as sessões "
            "públicas tradicionais; envolver os moradores na manutenção desde o início reforça o sentimento de "
            "pertença aos espaços requalificados.</p>"),
        "sdgs": [10, 11],
        "url": "https://example.org/experiences/amadora-zambujal",
        "contact": "Divisão de Intervenção Social e Habitação, Câmara Municipal da Amadora",
        "state": "published",
    },
    {
        "external_id": "demo-023",
        "title": "Bristol Local Observatory of Participatory Democracy",
        "summary": ("Run jointly by the City Council, two universities and community organisations, the observatory "
                    "reviews the council's engagement processes every year and publishes a public scorecard on who "
                    "takes part and what difference participation makes."),
        "description": (
            "<p>The <strong>Local Observatory of Participatory Democracy</strong> was set up in 2016 in response to "
            "criticism that consultation in the city was fragmented and rarely reported back to residents. It is "
            "governed by a board of council officers, academics from two local universities and representatives "
            "of community and voluntary organisations.</p>"
            "<p>Every year the observatory reviews all formal engagement processes run by the council — "
            "consultations, neighbourhood partnerships, citizens' panels and participatory grants — against a "
            "common set of indicators:</p>"
            "<ul><li>who took part, by age, ethnicity, disability and area deprivation;</li>"
            "<li>whether participants received feedback on the final decision;</li>"
            "<li>what changed as a result of their input.</li></ul>"
            "<p>Findings are presented at an annual public meeting and on an online dashboard, and the council's "
            "cabinet must publish a written response with commitments for improvement.</p>"),
        "language": "en",
        "city": "Bristol",
        "country": "GB",
        "themes": ["local-observatories", "open-government"],
        "mechanism": "monitoring-observatory",
        "scale": "city",
        "start_year": 2016,
        "end_year": None,
        "participants": None,
        "budget": 85000,
        "currency": "GBP",
        "results": (
            "<p>Since 2016 the observatory has assessed 186 engagement processes. The share of consultations that "
            "gave feedback to participants rose from 34% in 2017 to 79% in 2023, and in 2019 the council adopted "
            "a citywide engagement charter based on its recommendations. A network of 45 community researchers "
            "trained by the observatory now collects data in under-represented neighbourhoods.</p>"),
        "lessons": (
            "<p>Independent evaluation with academic partners gives the findings credibility, while the duty of a "
            "formal cabinet response ensures that recommendations are acted upon rather than simply filed "
            "away.</p>"),
        "sdgs": [16, 17],
        "url": "https://example.org/experiences/bristol-local-observatory",
        "contact": "Community Engagement Team, Bristol City Council",
        "state": "published",
    },
    {
        "external_id": "demo-024",
        "title": "Le conseil de quartier de Saint-Léonard, consulté sur chaque projet d'aménagement",
        "summary": ("Dans le quartier liégeois de Saint-Léonard, un conseil de quartier composé d'habitants et "
                    "d'associations est systématiquement consulté sur les projets d'aménagement, de mobilité et de "
                    "propreté avant leur adoption."),
        "description": (
            "<p>Ancien quartier industriel densément peuplé, Saint-Léonard connaît d'importantes transformations "
            "urbaines avec l'arrivée du tram et la reconversion des friches en bord de Meuse. En 2009, la Ville de "
            "Liège y a créé un <strong>conseil de quartier</strong> pour associer les habitants à ces "
            "changements.</p>"
            "<p>Le conseil compte 24 membres : 12 habitants tirés au sort parmi des volontaires, 8 représentants "
            "d'associations (maisons de jeunes, commerçants, écoles de devoirs) et 4 agents communaux sans droit "
            "de vote. Il se réunit tous les deux mois en séance publique et dispose d'un petit budget de "
            "fonctionnement et de projets.</p>"
            "<p>Tout projet communal d'aménagement, de mobilité ou de propreté concernant le quartier lui est "
            "soumis pour avis avant décision ; le collège communal doit motiver par écrit toute décision contraire "
            "à un avis du conseil.</p>"),
        "language": "fr",
        "city": "Liège",
        "country": "BE",
        "themes": ["neighbourhood-councils", "public-consultation"],
        "mechanism": "advisory-council",
        "scale": "neighbourhood",
        "start_year": 2009,
        "end_year": None,
        "participants": 2300,
        "budget": 25000,
        "currency": "EUR",
        "results": (
            "<p>Depuis 2009, le conseil a rendu 96 avis, dont 71 ont été suivis en tout ou partie, par exemple sur "
            "le tracé des pistes cyclables, le réaménagement d'une place et la création d'une zone résidentielle "
            "aux abords des écoles. Quelque 2 300 habitants ont assisté à au moins une séance publique. Le modèle "
            "a été étendu à cinq autres quartiers en 2018.</p>"),
        "lessons": (
            "<p>L'obligation de motiver les décisions contraires aux avis a donné du poids au conseil ; le tirage "
            "au sort parmi les volontaires assure un renouvellement régulier, sans toutefois résoudre la "
            "sous-représentation des habitants d'origine étrangère.</p>"),
        "sdgs": [11, 16],
        "url": "https://example.org/experiences/liege-saint-leonard",
        "contact": "Service de la participation et des quartiers, Ville de Liège",
        "state": "published",
    },
    {
        "external_id": "demo-025",
        "title": "Cascais Jovem Decide: plataforma digital de participação juvenil",
        "summary": ("Plataforma móvel através da qual jovens dos 12 aos 30 anos propõem, debatem e votam projetos "
                    "para o concelho, com dinamização presencial em escolas, centros de juventude e clubes."),
        "description": (
            "<p>Em 2019, a Câmara Municipal de Cascais lançou a plataforma <strong>Jovem Decide</strong>, uma "
            "aplicação móvel e um sítio web onde os jovens podem apresentar ideias, comentar as propostas de "
            "outros e votar. O ciclo anual tem quatro fases: ideias (fevereiro e março), análise técnica e "
            "reuniões com os proponentes (abril e maio), votação (junho) e execução.</p>"
            "<p>Para que a participação não fique limitada aos jovens mais informados, a Câmara formou 60 "
            "<strong>embaixadores juvenis</strong> que dinamizam sessões nas escolas secundárias, nos centros de "
            "juventude e nos clubes desportivos de todas as freguesias. A autenticação é feita com o cartão "
            "municipal de estudante ou com o Cartão de Cidadão.</p>"
            "<p>A plataforma integra também consultas rápidas sobre políticas municipais de juventude, como os "
            "horários dos transportes noturnos ou a programação cultural.</p>"),
        "language": "pt",
        "city": "Cascais",
        "country": "PT",
        "themes": ["youth-participation", "e-participation"],
        "mechanism": "digital-platform",
        "scale": "city",
        "start_year": 2019,
        "end_year": None,
        "participants": 14800,
        "budget": 750000,
        "currency": "EUR",
        "results": (
            "<p>Até 2024, registaram-se na plataforma 14.800 jovens, foram submetidas 1.260 propostas e "
            "financiados 74 projetos, entre os quais estúdios de música em centros de juventude, pistas de skate "
            "e a requalificação de salas de estudo em bibliotecas. Desde a criação dos embaixadores, a parte dos "
            "votantes residentes em bairros municipais passou de 9% para 23%.</p>"),
        "lessons": (
            "<p>A ferramenta digital atrai os jovens, mas é a mediação presencial dos embaixadores que garante a "
            "diversidade; prazos de execução curtos são fundamentais para que os jovens vejam os resultados ainda "
            "durante o seu percurso escolar.</p>"),
        "sdgs": [4, 16],
        "url": "https://example.org/experiences/cascais-jovem-decide",
        "contact": "Divisão de Juventude, Câmara Municipal de Cascais",
        "state": "published",
    },
    {
        "external_id": "demo-026",
        "title": "Citizens' panel on the future of the Bystrzyca river corridor",
        "summary": ("Sixty randomly selected residents deliberated over four weekends on the future of the green "
                    "corridor along the Bystrzyca river; the mayor had committed to implement every recommendation "
                    "supported by at least 80% of members."),
        "description": (
            "<p>In 2021 the City of Lublin convened a <strong>citizens' panel</strong> on the future of the green "
            "corridor along the Bystrzyca river, a subject that had long divided supporters of sports "
            "facilities, housing and nature protection. Through a civic lottery, 60 residents were selected to "
            "reflect the city's population by gender, age, education and district.</p>"
            "<p>The panel met over four weekends in the autumn. Members heard ecologists, urban planners, sports "
            "clubs, developers and residents' associations, and any organisation could submit a written "
            "statement, published on the city website. Deliberation took place in small facilitated groups, "
            "followed by plenary votes.</p>"
            "<p>Before the panel started, the mayor publicly committed that recommendations supported by at least "
            "80% of members would be binding on the city administration, within the limits of the law and the "
            "budget. A parallel online consultation was open to all residents.</p>"),
        "language": "en",
        "city": "Lublin",
        "country": "PL",
        "themes": ["citizen-assemblies", "public-consultation"],
        "mechanism": "deliberative-assembly",
        "scale": "city",
        "start_year": 2021,
        "end_year": 2021,
        "participants": 60,
        "budget": 390000,
        "currency": "PLN",
        "results": (
            "<p>The panel adopted 19 recommendations, 14 of them with more than 80% support, including the "
            "protection of wetlands near the Zemborzyce reservoir, a continuous walking and cycling path and a ban "
            "on new housing in the floodplain. By the end of 2022, nine recommendations had been written into the "
            "local spatial development plan. 4,100 residents took part in the online consultation.</p>"),
        "lessons": (
            "<p>The binding threshold made the process credible and attractive to participants, but it also "
            "required careful framing of the question and early legal checks to avoid recommendations the city "
            "could not implement.</p>"),
        "sdgs": [11, 15, 16],
        "url": "https://example.org/experiences/lublin-citizens-panel",
        "contact": "Social Participation Office, City of Lublin",
        "state": "draft",
    },
    {
        "external_id": "demo-027",
        "title": "Le réseau des conseils de quartier de la Ville de Québec",
        "summary": ("Les conseils de quartier, organismes à but non lucratif dirigés par des résidants élus, sont "
                    "obligatoirement consultés sur les projets d'urbanisme et mènent leurs propres projets de "
                    "milieu."),
        "description": (
            "<p>Depuis 1997, la Ville de Québec s'appuie sur un réseau de <strong>conseils de quartier</strong>, "
            "aujourd'hui au nombre de 28. Chaque conseil est une corporation à but non lucratif dont le conseil "
            "d'administration est élu lors d'une assemblée générale annuelle ouverte à tous les résidants ainsi "
            "qu'aux représentants des commerces et institutions du quartier.</p>"
            "<p>La politique de participation publique de la Ville prévoit que les conseils de quartier soient "
            "obligatoirement consultés sur les modifications réglementaires d'urbanisme touchant leur territoire. "
            "Ils tiennent alors des assemblées publiques de consultation, dont le rapport est transmis au conseil "
            "municipal avant l'adoption du règlement.</p>"
            "<p>Les conseils peuvent aussi réaliser leurs propres projets — ruelles vertes, fêtes de quartier, "
            "sécurité routière — grâce à un soutien financier annuel et à l'accompagnement des conseillers en "
            "consultations publiques de chaque arrondissement.</p>"),
        "language": "fr",
        "city": "Québec",
        "country": "CA",
        "themes": ["neighbourhood-councils", "public-consultation"],
        "mechanism": "advisory-council",
        "scale": "city",
        "start_year": 1997,
        "end_year": None,
        "participants": 5800,
        "budget": 620000,
        "currency": "CAD",
        "results": (
            "<p>En 2023, les conseils de quartier ont tenu 142 assemblées de consultation réunissant environ "
            "5 800 citoyens, et plus de 300 bénévoles siégeaient à leurs conseils d'administration. Dans "
            "Saint-Roch, les recommandations du conseil ont conduit à réduire la hauteur d'un projet immobilier "
            "et à y intégrer des logements abordables. Selon un sondage de 2022, 57 % des résidants connaissent "
            "leur conseil de quartier.</p>"),
        "lessons": (
            "<p>L'ancrage réglementaire de la consultation obligatoire donne aux conseils un rôle réel dans les "
            "décisions d'urbanisme ; le principal défi reste le renouvellement des bénévoles et la participation "
            "des locataires et des jeunes familles.</p>"),
        "sdgs": [11, 16],
        "url": "https://example.org/experiences/quebec-conseils-de-quartier",
        "contact": "Service de l'interaction citoyenne, Ville de Québec",
        "state": "published",
    },
    {
        "external_id": "demo-028",
        "title": "Faciliter l'initiative populaire communale et les pétitions en ligne à Lausanne",
        "summary": ("Lausanne a rendu plus accessibles les droits populaires communaux en conseillant gratuitement "
                    "les comités d'initiative et en ouvrant une plateforme de pétitions en ligne dont les textes "
                    "les plus soutenus doivent être traités par le conseil communal."),
        "description": (
            "<p>En Suisse, les électeurs d'une commune peuvent déposer une <strong>initiative populaire</strong> ou "
            "demander un référendum contre une décision du conseil communal, à condition de réunir un nombre "
            "minimal de signatures. En 2017, la Ville de Lausanne a lancé un programme pour rendre ces droits plus "
            "accessibles, notamment aux personnes étrangères titulaires du droit de vote communal, qui "
            "représentent une part importante de la population.</p>"
            "<p>Le programme comprend :</p>"
            "<ul><li>un guichet des droits politiques qui conseille gratuitement les comités sur la validité et la "
            "rédaction de leurs textes ;</li>"
            "<li>une plateforme de pétitions en ligne avec vérification d'identité, les pétitions dépassant 500 "
            "signatures devant être examinées par une commission du conseil communal ;</li>"
            "<li>des séances d'information en plusieurs langues avant chaque scrutin communal.</li></ul>"
            "<p>Le dispositif est piloté par le greffe municipal, en lien avec le bureau communal chargé de "
            "l'intégration des personnes immigrées.</p>"),
        "language": "fr",
        "city": "Lausanne",
        "country": "CH",
        "themes": ["open-government", "e-participation"],
        "mechanism": "referendum-initiative",
        "scale": "city",
        "start_year": 2017,
        "end_year": None,
        "participants": None,
        "budget": 210000,
        "currency": "CHF",
        "results": (
            "<p>Entre 2017 et 2023, 68 pétitions ont été déposées en ligne, dont 19 ont dépassé le seuil de 500 "
            "signatures, et quatre initiatives communales ont été soumises au vote, parmi lesquelles une "
            "initiative sur la végétalisation des cours d'école, acceptée à 64 %. La participation des électeurs "
            "étrangers aux scrutins communaux est passée de 18 % à 26 %.</p>"),
        "lessons": (
            "<p>L'accompagnement juridique en amont évite l'invalidation des textes et renforce la confiance dans "
            "les institutions ; les outils numériques doivent offrir des garanties d'identification solides pour "
            "préserver la légitimité des démarches.</p>"),
        "sdgs": [16, 10],
        "url": "https://example.org/experiences/lausanne-droits-populaires",
        "contact": "Service des droits politiques et de la participation, Ville de Lausanne",
        "state": "published",
    },
    {
        "external_id": "demo-029",
        "title": "Gwangju participatory budgeting with a youth and schools track",
        "summary": ("Gwangju runs a citywide participatory budgeting process with a dedicated youth track, in which "
                    "secondary school students deliberate on and vote for projects in their districts."),
        "description": (
            "<p>Gwangju introduced <strong>participatory budgeting</strong> in 2011, when national legislation "
            "required local governments to involve residents in preparing their budgets. The city's Participatory "
            "Budget Committee of 100 members — half recruited by open application and half by random selection — "
            "reviews residents' proposals for both citywide and district projects.</p>"
            "<p>In 2016 a <strong>youth track</strong> was added. Students aged 13 to 18 from the five autonomous "
            "districts (Dong-gu, Seo-gu, Nam-gu, Buk-gu and Gwangsan-gu) form youth budget teams with schools and "
            "youth centres. They are trained in public finance, visit project sites and present their proposals "
            "at a youth budget forum.</p>"
            "<p>All proposals that pass the technical review are put to an online and offline vote open to "
            "residents aged 14 and over, and the results are included in the mayor's draft budget submitted to "
            "the city council.</p>"),
        "language": "en",
        "city": "Gwangju",
        "country": "KR",
        "themes": ["participatory-budgeting", "youth-participation"],
        "mechanism": "participatory-budget",
        "scale": "metropolitan",
        "start_year": 2011,
        "end_year": None,
        "participants": 41000,
        "budget": 2100000000,
        "currency": "KRW",
        "results": (
            "<p>In 2023 the process allocated 2.1 billion won to 148 projects and 41,000 residents voted. Since "
            "2016 the youth track has funded 96 projects, including safer routes to school, study cafés in "
            "community centres and mental health programmes. In surveys, 72% of participating students said they "
            "understood better how local government works.</p>"),
        "lessons": (
            "<p>Random selection of committee members has broadened participation beyond established community "
            "leaders; linking the youth track to the school curriculum has made it sustainable, although "
            "coordination with the education office requires continuous effort.</p>"),
        "sdgs": [16, 4],
        "url": "https://example.org/experiences/gwangju-youth-pb",
        "contact": "Participatory Budgeting Team, Gwangju Metropolitan City",
        "state": "published",
    },
    {
        "external_id": "demo-030",
        "title": "Citizen report cards and ward-level service monitoring in Pune",
        "summary": ("Pune Municipal Corporation and a coalition of civic organisations ran a ward-level monitoring "
                    "programme in which trained volunteers assessed water, sanitation and road services and "
                    "published yearly citizen report cards."),
        "description": (
            "<p>In 2007 Pune Municipal Corporation agreed with a coalition of civic organisations to set up a "
            "<strong>ward-level service monitoring</strong> programme. The aim was to give residents, especially "
            "in slum settlements, a structured way to assess basic services and hold the administration to "
            "account.</p>"
            "<p>Every year, volunteers from resident associations and slum-dweller federations were trained to "
            "carry out household surveys and field checks on water supply hours, solid waste collection, public "
            "toilets, street lights and road repairs. The data were consolidated into <strong>citizen report "
            "cards</strong> for each ward, rating service quality and comparing it with budget allocations.</p>"
            "<p>The report cards were presented at public ward meetings attended by elected corporators and ward "
            "officers, who had to respond to the findings and agree on corrective actions, checked again in the "
            "following survey.</p>"),
        "language": "en",
        "city": "Pune",
        "country": "IN",
        "themes": ["social-accountability", "local-observatories"],
        "mechanism": "monitoring-observatory",
        "scale": "city",
        "start_year": 2007,
        "end_year": 2015,
        "participants": 1800,
        "budget": 9500000,
        "currency": "INR",
        "results": (
            "<p>Over eight rounds, more than 1,800 volunteers surveyed about 52,000 households in 76 wards. "
            "Average daily water supply in the surveyed slum settlements rose from 2.1 to 3.4 hours, and the "
            "number of working public toilet seats increased by 38%. The methodology was later taken up by the "
            "corporation's own performance management cell.</p>"),
        "lessons": (
            "<p>Simple, comparable indicators published regularly create pressure for improvement; however, the "
            "civic coalition's dependence on external funding made the programme hard to sustain after "
            "2015.</p>"),
        "sdgs": [6, 11, 16],
        "url": "https://example.org/experiences/pune-citizen-report-cards",
        "contact": "Ward Offices Coordination Cell, Pune Municipal Corporation",
        "state": "published",
    },
    {
        "external_id": "demo-031",
        "title": "People's Council and barangay development councils in Iloilo City",
        "summary": ("A federation of accredited civil society organisations sits on the city's special bodies and "
                    "development council, with the right to propose policies, take part in committees and monitor "
                    "projects."),
        "description": (
            "<p>Under the Local Government Code of 1991, Philippine local governments must include civil society "
            "representatives in their local special bodies. In 1995 Iloilo City went further, passing an "
            "ordinance that created a <strong>People's Council</strong>: a federation of accredited "
            "non-governmental and people's organisations that nominates representatives to city committees and "
            "to the City Development Council.</p>"
            "<p>Organisations are accredited every three years and grouped by sector — urban poor, women, youth, "
            "fisherfolk, persons with disabilities, business and professionals. Sector representatives can "
            "speak and vote in committee meetings, propose ordinances and access project documents.</p>"
            "<p>At neighbourhood level, barangay development councils hold assemblies twice a year in each of the "
            "city's 180 barangays to review local development plans, with support from the City Planning and "
            "Development Office.</p>"),
        "language": "en",
        "city": "Iloilo City",
        "country": "PH",
        "themes": ["open-government", "neighbourhood-councils"],
        "mechanism": "advisory-council",
        "scale": "city",
        "start_year": 1995,
        "end_year": None,
        "participants": 28000,
        "budget": None,
        "currency": "",
        "results": (
            "<p>In 2023, 214 organisations were accredited. Since 1995 the People's Council has proposed more than "
            "60 city ordinances, including on solid waste segregation and on the protection of informal settlers "
            "during relocation. Barangay assemblies gathered about 28,000 residents in 2023, and an annual open "
            "budget forum now presents the executive budget before it goes to the city council.</p>"),
        "lessons": (
            "<p>A clear legal framework and regular accreditation have ensured continuity across administrations; "
            "the sectoral structure gives a voice to organised groups, but unorganised residents remain harder to "
            "reach and need complementary channels.</p>"),
        "sdgs": [16, 11],
        "url": "https://example.org/experiences/iloilo-peoples-council",
        "contact": "City Planning and Development Office, City Government of Iloilo",
        "state": "published",
    },
    {
        "external_id": "demo-032",
        "title": "Community panel on Wollongong's ten-year infrastructure plan",
        "summary": ("A randomly selected panel of 43 residents reviewed Wollongong's long-term infrastructure "
                    "priorities and recommended how to balance the renewal of existing assets with new "
                    "facilities."),
        "description": (
            "<p>Facing an infrastructure backlog and rising maintenance costs, Wollongong City Council convened a "
            "<strong>community panel</strong> in 2017 to advise on its ten-year infrastructure and asset plan. "
            "Invitations were sent to 5,000 randomly selected households; from the 390 who registered, 43 "
            "panellists were chosen by stratified lottery to reflect the city by age, gender, suburb, housing "
            "tenure and cultural background, including Aboriginal and Torres Strait Islander residents.</p>"
            "<p>Over six full-day sessions, the panel examined the condition of roads, footpaths, stormwater "
            "systems, pools and community centres, questioned council engineers and finance staff, and could "
            "request any additional information. Its remit was: <strong>“How should we prioritise "
            "infrastructure spending to keep our city liveable and affordable?”</strong></p>"
            "<p>The panel's report was tabled at a council meeting, and the council committed to explain in "
            "writing which recommendations it accepted and why.</p>"),
        "language": "en",
        "city": "Wollongong",
        "country": "AU",
        "themes": ["citizen-assemblies", "participatory-planning"],
        "mechanism": "deliberative-assembly",
        "scale": "city",
        "start_year": 2017,
        "end_year": 2018,
        "participants": 43,
        "budget": 220000,
        "currency": "AUD",
        "results": (
            "<p>The council adopted 22 of the panel's 25 recommendations, including a shift of 15% of the capital "
            "budget from new projects to renewal, a footpath programme prioritising streets near schools and aged "
            "care facilities, and a modest rate increase endorsed by the panel. 91% of panellists said they "
            "trusted the process.</p>"),
        "lessons": (
            "<p>Full access to financial data led to more realistic recommendations than traditional "
            "consultation, and the panel's endorsement gave the council the legitimacy to take a difficult "
            "revenue decision.</p>"),
        "sdgs": [11, 16, 9],
        "url": "https://example.org/experiences/wollongong-community-panel",
        "contact": "Community Engagement Unit, Wollongong City Council",
        "state": "published",
    },
    {
        "external_id": "demo-033",
        "title": "Green kampungs: women-led neighbourhood environmental action in Surabaya",
        "summary": ("In Surabaya's kampungs, women's groups co-design and manage neighbourhood environmental "
                    "improvements — waste banks, composting, urban farming and flood prevention — with support "
                    "from the city government."),
        "description": (
            "<p>Surabaya's dense kampung neighbourhoods are vulnerable to flooding and extreme heat. Since 2016 the "
            "city has supported a <strong>green kampung</strong> programme in which neighbourhood units (RT and "
            "RW) draw up their own environmental action plans through co-design workshops facilitated by city "
            "staff and local universities.</p>"
            "<p>Women's groups, particularly the local family welfare associations, play a central role. They "
            "lead the mapping of drainage problems and waste hotspots, manage <strong>waste banks</strong> where "
            "residents exchange sorted recyclables for savings, run composting houses and grow vegetables on "
            "rooftops and along narrow alleys.</p>"
            "<p>The city provides seed funding, composting equipment and training, and organises an annual "
            "competition in which kampungs present their achievements. Environmental cadres, most of them women, "
            "receive public recognition and a small allowance.</p>"),
        "language": "en",
        "city": "Surabaya",
        "country": "ID",
        "themes": ["climate-environment", "gender-equality"],
        "mechanism": "co-design-workshop",
        "scale": "neighbourhood",
        "start_year": 2016,
        "end_year": None,
        "participants": 28000,
        "budget": 2000000000,
        "currency": "IDR",
        "results": (
            "<p>By 2023, 1,040 neighbourhood units had adopted action plans and 420 waste banks were operating; "
            "household waste sent to landfill from participating areas fell by an estimated 25%. More than "
            "28,000 environmental cadres have been trained, 80% of them women, and several have since been "
            "elected to neighbourhood leadership positions.</p>"),
        "lessons": (
            "<p>Building on existing women's networks ensured rapid uptake and sustainability; recognising and "
            "compensating the cadres' work is important to avoid adding to women's unpaid workload.</p>"),
        "sdgs": [13, 5, 11],
        "url": "https://example.org/experiences/surabaya-green-kampungs",
        "contact": "Environment Agency, Surabaya City Government",
        "state": "published",
    },
    {
        "external_id": "demo-034",
        "title": "Youth participatory budgeting pilot in Worcester",
        "summary": ("Worcester is launching a youth participatory budgeting pilot in which residents aged 12 to 24 "
                    "will decide how to spend one million dollars of the city's capital budget."),
        "description": (
            "<p>Following recommendations from its Youth Council, the City of Worcester approved in early 2025 a "
            "<strong>youth participatory budgeting</strong> pilot. Residents aged 12 to 24, regardless of "
            "immigration status, will be able to propose and vote on one-time capital projects on public "
            "property, such as parks, school grounds, libraries and recreation centres.</p>"
            "<p>The first cycle is planned in five phases:</p>"
            "<ul><li>idea collection at schools, youth programmes and online (spring);</li>"
            "<li>training of 40 paid budget delegates, who develop proposals with City departments "
            "(summer);</li>"
            "<li>project expos in each of the five council districts (autumn);</li>"
            "<li>a two-week vote in schools and online;</li>"
            "<li>implementation, monitored by the delegates.</li></ul>"
            "<p>The Youth Office coordinates the process with the public schools and with community "
            "organisations working with immigrant and low-income young people.</p>"),
        "language": "en",
        "city": "Worcester",
        "country": "US",
        "themes": ["youth-participation", "participatory-budgeting"],
        "mechanism": "participatory-budget",
        "scale": "city",
        "start_year": 2025,
        "end_year": None,
        "participants": None,
        "budget": 1000000,
        "currency": "USD",
        "results": (
            "<p>The pilot is in its first cycle. Its targets are 4,000 youth voters, at least 40% of them from the "
            "city's lowest-income neighbourhoods, and the completion of funded projects within 18 months. An "
            "evaluation framework has been agreed with a local college.</p>"),
        "lessons": (
            "<p>Preparation has already shown the importance of paying youth delegates and of involving school "
            "principals early; the City is also drawing on other youth budgeting processes shared within the "
            "network.</p>"),
        "sdgs": [16, 4, 10],
        "url": "https://example.org/experiences/worcester-youth-pb",
        "contact": "Youth Office, City of Worcester",
        "state": "draft",
    },
    {
        "external_id": "demo-035",
        "title": "Les conseils de jeunes de quartier de Nouméa",
        "summary": ("Dans cinq quartiers de Nouméa, des conseils de jeunes de 13 à 25 ans montent leurs propres "
                    "projets et sont consultés sur les équipements de proximité, en lien avec les comités de "
                    "quartier."),
        "description": (
            "<p>En 2014, la Ville de Nouméa a créé des <strong>conseils de jeunes de quartier</strong> dans cinq "
            "quartiers prioritaires : Rivière-Salée, Montravel, Saint-Quentin, Tindu et Ducos. Chaque conseil "
            "réunit une quinzaine de jeunes de 13 à 25 ans, désignés pour deux ans après un appel à volontaires "
            "relayé par les collèges, les maisons de quartier, les clubs sportifs et les associations culturelles "
            "kanak, wallisiennes et futuniennes.</p>"
            "<p>Les conseils se réunissent chaque mois avec un animateur de la direction de la jeunesse. Ils sont "
            "consultés sur la programmation des maisons de quartier, l'aménagement des plateaux sportifs et la "
            "prévention de la délinquance, et disposent d'une enveloppe annuelle pour les projets qu'ils "
            "conçoivent eux-mêmes.</p>"
            "<p>Une fois par an, les cinq conseils se retrouvent en assemblée avec le maire et les comités de "
            "quartier pour présenter leurs propositions.</p>"),
        "language": "fr",
        "city": "Nouméa",
        "country": "NC",
        "themes": ["youth-participation", "neighbourhood-councils"],
        "mechanism": "advisory-council",
        "scale": "neighbourhood",
        "start_year": 2014,
        "end_year": None,
        "participants": 480,
        "budget": 15000000,
        "currency": "XPF",
        "results": (
            "<p>Depuis 2014, environ 480 jeunes ont siégé dans les conseils. Ils ont porté 95 projets — tournois "
            "inter-quartiers, ateliers de danse et de slam, chantiers de nettoyage de la mangrove — et contribué à "
            "la rénovation de trois plateaux sportifs. Une évaluation menée en 2021 relève une baisse des "
            "dégradations d'équipements et une meilleure fréquentation des maisons de quartier par les "
            "16-25 ans.</p>"),
        "lessons": (
            "<p>La prise en compte des cultures et des formes d'organisation communautaires des quartiers a été "
            "essentielle pour mobiliser les jeunes ; l'enveloppe de projets gérée par les jeunes eux-mêmes reste "
            "le principal levier de motivation.</p>"),
        "sdgs": [4, 16, 10],
        "url": "https://example.org/experiences/noumea-conseils-jeunes",
        "contact": "Direction de la jeunesse et de la vie des quartiers, Ville de Nouméa",
        "state": "published",
    },
    {
        "external_id": "demo-036",
        "title": "Planeamento participativo nos sucos de Díli com participação paritária das mulheres",
        "summary": ("Um programa nacional de desenvolvimento comunitário, iniciado com projetos piloto em sucos do "
                    "município de Díli, apoiou as comunidades a planear e executar pequenas infraestruturas, com "
                    "pelo menos metade de mulheres nas equipas."),
        "description": (
            "<p>Em Timor-Leste, o suco é a unidade administrativa de base, dirigida por um chefe de suco eleito. "
            "Em 2013, o Governo lançou um programa nacional de planeamento participativo que começou com "
            "<strong>projetos piloto</strong> em sucos do município de Díli antes de ser alargado a todo o país. "
            "Cada suco recebe uma subvenção anual para pequenas infraestruturas escolhidas pela comunidade.</p>"
            "<p>O processo inclui reuniões de aldeia para identificar necessidades, oficinas de co-desenho com "
            "técnicos municipais e uma assembleia de suco para escolher as prioridades. As equipas de planeamento "
            "e de execução devem ter pelo menos 50% de mulheres, e realizam-se <strong>reuniões só de "
            "mulheres</strong> antes das decisões finais, com o apoio de facilitadoras.</p>"
            "<p>As obras são executadas pela própria comunidade, que recebe formação em gestão financeira, e as "
            "contas são apresentadas publicamente no fim de cada ciclo.</p>"),
        "language": "pt",
        "city": "Díli",
        "country": "TL",
        "themes": ["participatory-planning", "gender-equality"],
        "mechanism": "co-design-workshop",
        "scale": "national",
        "start_year": 2013,
        "end_year": 2019,
        "participants": 12000,
        "budget": 4800000,
        "currency": "USD",
        "results": (
            "<p>Nos 31 sucos de Díli abrangidos, foram realizados entre 2013 e 2019 cerca de 190 projetos, "
            "sobretudo sistemas de abastecimento de água, pontes pedonais, drenagem e salas de aula. As mulheres "
            "representaram 47% dos participantes nas reuniões. Uma avaliação independente destacou a boa "
            "qualidade das obras e custos inferiores aos das obras adjudicadas a empresas, mas também "
            "dificuldades de manutenção.</p>"),
        "lessons": (
            "<p>As reuniões só de mulheres fizeram surgir prioridades como a água e as latrinas escolares; é "
            "preciso prever desde o início recursos para a manutenção das infraestruturas construídas pela "
            "comunidade.</p>"),
        "sdgs": [5, 6, 11],
        "url": "https://example.org/experiences/dili-planeamento-sucos",
        "contact": "Direção de Planeamento e Desenvolvimento Local, Autoridade Municipal de Díli",
        "state": "draft",
    },
    {
        "external_id": "demo-037",
        "title": "Budget participatif de Montréal : des projets citoyens pour la transition écologique",
        "summary": ("Depuis 2020, la Ville de Montréal consacre une enveloppe de son programme décennal "
                    "d'immobilisations à des projets proposés et votés par la population, au service de la "
                    "transition écologique et sociale."),
        "description": (
            "<p>Lancé en 2020, le <strong>budget participatif</strong> de Montréal invite les résidants de 12 ans "
            "et plus, sans condition de citoyenneté, à proposer des projets d'aménagement favorisant la transition "
            "écologique et sociale dans les 19 arrondissements. Chaque édition suit cinq étapes : dépôt d'idées en "
            "ligne et en ateliers, développement des projets par des comités citoyens accompagnés par les services "
            "municipaux, analyse de faisabilité, vote, puis réalisation.</p>"
            "<p>Le vote se tient en ligne et dans des bureaux mobiles installés dans les bibliothèques, les marchés "
            "publics et les écoles. Une attention particulière est portée aux quartiers où l'on participe peu, "
            "comme Montréal-Nord et Saint-Michel, grâce à des partenariats avec les organismes communautaires et à "
            "des animateurs de proximité.</p>"
            "<p>Les projets lauréats sont intégrés au programme décennal d'immobilisations, et leur avancement est "
            "publié sur une carte interactive.</p>"),
        "language": "fr",
        "city": "Montréal",
        "country": "CA",
        "themes": ["participatory-budgeting", "climate-environment"],
        "mechanism": "participatory-budget",
        "scale": "city",
        "start_year": 2020,
        "end_year": None,
        "participants": 60000,
        "budget": 30000000,
        "currency": "CAD",
        "results": (
            "<p>Lors des trois premières éditions, plus de 60 000 personnes ont voté et 45 projets ont été "
            "retenus : forêts urbaines, ruelles vertes, jardins collectifs, îlots de fraîcheur autour des écoles "
            "ou encore stations de réparation de vélos. L'enveloppe est passée de 10 à 30 millions de dollars par "
            "édition. Selon un sondage, 42 % des votants participaient pour la première fois à une démarche "
            "municipale.</p>"),
        "lessons": (
            "<p>Le thème de la transition écologique a mobilisé de nombreux jeunes ; les délais de réalisation des "
            "projets d'infrastructure, parfois supérieurs à trois ans, imposent une communication régulière sur "
            "leur avancement pour préserver la confiance.</p>"),
        "sdgs": [13, 11, 16],
        "url": "https://example.org/experiences/montreal-budget-participatif",
        "contact": "Bureau de la participation citoyenne, Ville de Montréal",
        "state": "published",
    },
    {
        "external_id": "demo-038",
        "title": "Newcomer civic ambassadors: bringing recent immigrants into city decision-making",
        "summary": ("Toronto trained and paid recent immigrants to act as civic ambassadors who explained municipal "
                    "services, ran multilingual engagement sessions and brought the views of newcomer communities "
                    "into city consultations."),
        "description": (
            "<p>Nearly half of Toronto's residents were born outside Canada, yet recent immigrants were largely "
            "absent from municipal consultations. In 2017 the City launched the <strong>Newcomer Civic "
            "Ambassadors</strong> programme with settlement agencies in Scarborough, North York and "
            "Etobicoke.</p>"
            "<p>Each year, around 50 newcomers who had arrived within the previous five years were recruited, "
            "trained for 40 hours on how the City works — budget, planning, transit, housing — and paid a stipend "
            "for their time. Ambassadors then:</p>"
            "<ul><li>ran information sessions in more than 20 languages, including Tamil, Tagalog, Arabic, "
            "Mandarin, Spanish and Somali;</li>"
            "<li>facilitated small-group discussions for City consultations, such as the annual budget and the "
            "poverty reduction strategy;</li>"
            "<li>reported their findings directly to the relevant City divisions.</li></ul>"
            "<p>The programme was coordinated by the City's newcomer office, advised by a table of settlement "
            "agencies.</p>"),
        "language": "en",
        "city": "Toronto",
        "country": "CA",
        "themes": ["inclusion-migrants"],
        "mechanism": "other",
        "scale": "city",
        "start_year": 2017,
        "end_year": 2022,
        "participants": 19000,
        "budget": 2100000,
        "currency": "CAD",
        "results": (
            "<p>Over five years, 246 ambassadors reached about 19,000 residents through 1,150 sessions. Newcomer "
            "input shaped changes to the City's language access policy and to the rollout of recreation "
            "subsidies. Follow-up surveys found that 68% of ambassadors later joined a board, committee or "
            "community organisation, and nine were hired by the City.</p>"),
        "lessons": (
            "<p>Paying ambassadors recognised their expertise and made participation possible for people in "
            "precarious work; the programme showed that trusted community messengers are far more effective than "
            "translated materials alone.</p>"),
        "sdgs": [10, 16, 11],
        "url": "https://example.org/experiences/toronto-newcomer-ambassadors",
        "contact": "Toronto Newcomer Office, City of Toronto",
        "state": "published",
    },
    {
        "external_id": "demo-039",
        "title": "Gender-responsive participatory budgeting in the neighbourhoods of Saint-Louis",
        "summary": ("Since 2010, the municipality of Saint-Louis has devoted part of its capital budget to projects "
                    "chosen in the neighbourhoods, with forums reserved for women and gender parity among "
                    "delegates."),
        "description": (
            "<p>Saint-Louis launched its <strong>participatory budget</strong> in 2010 on the initiative of the "
            "municipal council, with the support of the network and of decentralised cooperation partners. Every "
            "year, 10% of the municipal capital budget is put to the choice of residents, whose neighbourhoods are "
            "grouped into three zones: the Island, the Langue de Barbarie and Sor.</p>"
            "<p>The cycle includes neighbourhood forums, <strong>forums for women only</strong>, held in Wolof at "
            "times that fit around market hours, the election of delegates under a parity rule, and a citywide "
            "prioritisation forum. Women's economic interest groups take part in identifying needs.</p>"
            "<p>A gender-balanced monitoring committee oversees the implementation of projects and reports back "
            "at an annual public session held at the town hall.</p>"),
        "language": "en",
        "city": "Saint-Louis",
        "country": "SN",
        "themes": ["participatory-budgeting", "gender-equality"],
        "mechanism": "participatory-budget",
        "scale": "city",
        "start_year": 2010,
        "end_year": None,
        "participants": 9500,
        "budget": 350000000,
        "currency": "XOF",
        "results": (
            "<p>Between 2010 and 2023, 146 projects were funded, including standpipes in Pikine, street lighting "
            "in the alleys of Guet Ndar, the renovation of the Sor maternity unit and fish-processing units run "
            "by women's groups. The share of women among delegates rose from 18% to 49%. About 9,500 residents "
            "take part in the forums each year.</p>"),
        "lessons": (
            "<p>Women-only forums brought out priorities that were missing from mixed assemblies, such as access "
            "to water and maternal health; holding the public accountability session every year has built trust "
            "between residents and elected officials.</p>"),
        "sdgs": [5, 16, 6],
        "url": "https://example.org/experiences/saint-louis-budget-participatif/en",
        "contact": "Participatory Budget Unit, Municipality of Saint-Louis",
        "state": "published",
    },
    {
        "external_id": "demo-040",
        "title": "Montréal's participatory budget: citizen projects for the ecological transition",
        "summary": ("Since 2020, the City of Montréal has set aside part of its ten-year capital works programme for "
                    "projects proposed and voted on by residents, in support of the ecological and social "
                    "transition."),
        "description": (
            "<p>Launched in 2020, Montréal's <strong>participatory budget</strong> invites residents aged 12 and "
            "over, whatever their citizenship status, to propose projects that support the ecological and social "
            "transition in the city's 19 boroughs. Each edition follows five steps: ideas submitted online and in "
            "workshops, projects developed by citizen committees with support from City departments, a "
            "feasibility review, the vote and, finally, implementation.</p>"
            "<p>Voting takes place online and at mobile polling stations in libraries, public markets and "
            "schools. Particular attention is paid to neighbourhoods where turnout is low, such as Montréal-Nord "
            "and Saint-Michel, through partnerships with community organisations and local outreach "
            "workers.</p>"
            "<p>Winning projects are included in the ten-year capital works programme, and their progress is "
            "published on an interactive map.</p>"),
        "language": "en",
        "city": "Montréal",
        "country": "CA",
        "themes": ["participatory-budgeting", "climate-environment"],
        "mechanism": "participatory-budget",
        "scale": "city",
        "start_year": 2020,
        "end_year": None,
        "participants": 60000,
        "budget": 30000000,
        "currency": "CAD",
        "results": (
            "<p>In the first three editions, more than 60,000 people voted and 45 projects were selected: urban "
            "forests, green alleys, community gardens, cool islands around schools and bicycle repair stations, "
            "among others. The envelope grew from 10 to 30 million dollars per edition. According to a survey, "
            "42% of voters were taking part in a municipal process for the first time.</p>"),
        "lessons": (
            "<p>The ecological transition theme mobilised many young people; because infrastructure projects can "
            "take more than three years to complete, regular updates on their progress are needed to keep "
            "residents' trust.</p>"),
        "sdgs": [13, 11, 16],
        "url": "https://example.org/experiences/montreal-budget-participatif/en",
        "contact": "Citizen Participation Office, City of Montréal",
        "state": "published",
    },
]

# (original, translation): the same experience written in another language.
TRANSLATIONS = [
    ("demo-001", "demo-021"),  # Canoas: Portuguese -> Spanish
    ("demo-010", "demo-039"),  # Saint-Louis: French -> English
    ("demo-037", "demo-040"),  # Montréal: French -> English
]
