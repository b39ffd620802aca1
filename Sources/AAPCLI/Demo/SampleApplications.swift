// The sample applications of shared/data/sample-applications.csv (fictional, from the domain brief),
// built into the binary for `aap demo`. SIRETs, RNA numbers and dates are added by DemoData.

enum SampleApplications {
    static let csv = ##"""
call,applicant_name,applicant_kind,departement_code,measure,title,amount_requested_eur,year
"AAP-RELANCE-ASSO-2021","Association Garrigue Solidaire","association","30","SN3.9 Lutter contre la précarité alimentaire","Camion frigorifique pour la collecte et la distribution en Cévennes",68000,2021
"AAP-RELANCE-ASSO-2021","Épicerie solidaire Lauragais Partage","association","31","SN3.9 Lutter contre la précarité alimentaire","Épicerie solidaire itinérante en zone blanche du Lauragais",95000,2021
"AAP-RELANCE-ASSO-2021","Union régionale Partage Alimentaire Occitanie","association","REG","SN3.9 Lutter contre la précarité alimentaire","Plateforme logistique régionale et chaîne du froid pour les associations habilitées",240000,2021
"AAP-RELANCE-ASSO-2021","Réseau Numérique Inclusif des Corbières","association","11","SN3.1 Faciliter l'accès au numérique","Médiation numérique à domicile pour personnes âgées isolées",42000,2021
"AAP-RELANCE-ASSO-2021","Parents Relais Montpelliérains","association","34","SN1.2 Accompagner la parentalité","Soutien à la parentalité des familles monoparentales en QPV",55000,2021
"AAP-RELANCE-ASSO-2021","Mobil'Adour Insertion","association","65","SN5.2 Lever les freins mobilité et garde d'enfant","Location solidaire de véhicules et garage associatif",120000,2021
"AAP-RELANCE-ASSO-2021","Pas à Pas Emploi Quercy","association","82","SN5.1 Orienter plus rapidement et renforcer l'offre d'insertion","Chantiers courts de remobilisation pour allocataires du RSA",60000,2021
"AAP-RELANCE-TIERSLIEUX-2021","Association Cuisine Partagée Méditerranée","association","34","SN6.2 Adapter l'hébergement d'urgence","Tiers-lieu alimentaire avec cuisine collective à proximité d'hôtels sociaux",350000,2021
"AMI-GRANDE-MARGINALITE-2021","Association Refuge Collectif Garonne","association","31","SN6.3 Accompagner les personnes à la rue","Lieu de vie collectif pour personnes en grande marginalité",260000,2021
"AAP-FEMMES-MATERNITE-2021","Association Nid Protecteur Gascogne","association","32","SN6.3 Accompagner les personnes à la rue","Hébergement d'urgence et suivi sanitaire de femmes sortant de maternité",110000,2021
"AAP-FORM-PE-2020","Institut Petite Enfance des Cévennes","association","30","SN1.1 Plan de formation des professionnels de la petite enfance","Formation au langage et à l'accueil des parents pour les EAJE de QPV",15000,2020
"AAP-FORM-PE-2021","Commune de Valfrède","commune","81","SN1.1 Plan de formation des professionnels de la petite enfance","Initiation des professionnels des haltes-garderies à l'art du conte",9000,2021
"AAP-1000J-2021","Communauté de communes des Causses et Vallons","EPCI","48","SN1.2 Accompagner la parentalité","Parcours périnatalité et espace sensoriel en milieu rural",60000,2021
"AAP-1000J-2021","Association Petits Pas Ariégeois","association","09","SN1.2 Accompagner la parentalité","Prévention de l'épuisement des parents d'enfants de 0 à 3 ans",38000,2021
"AAP-1000J-2021","Compagnie Éveil des Tout-Petits","association","32","SN1.2 Accompagner la parentalité","Éveil artistique des tout-petits dans les lieux d'accueil ruraux",27000,2021
"AAP-1000J-2023","Maison des Familles Rive Gauche","association","31","SN1.2 Accompagner la parentalité","Conciliation vie professionnelle et parentalité pour parents isolés",48000,2023
"AMI-ACCUEIL-POUR-TOUS-2021","Communauté de communes Terres d'Arnave","EPCI","09","SN1.4 Faciliter l'accès à un mode d'accueil pour tous les enfants","Micro-crèche à vocation d'insertion professionnelle et relais itinérant",210000,2021
"AMI-ACCUEIL-POUR-TOUS-2021","SIVU Enfance Fenouillèdes-Agly","syndicat intercommunal","66","SN1.4 Faciliter l'accès à un mode d'accueil pour tous les enfants","Multi-accueil avec places réservées aux familles précaires",180000,2021
"AMI-SPIE-2021-V1","Conseil départemental de l'Aveyron","conseil départemental","12","SN5.5 Service public de l'insertion et de l'emploi","Consortium départemental pour un service public de l'insertion et de l'emploi",220000,2021
"AMI-SPIE-2021-V2","Conseil départemental du Lot","conseil départemental","46","SN5.5 Service public de l'insertion et de l'emploi","Diagnostic partagé et parcours coordonné des allocataires du RSA",150000,2021
"AMI-PCB-2021","CCAS de Sainte-Arlette-du-Lez","CCAS","34","SN3.7 Déployer des points conseil budget","Labellisation d'un point conseil budget au CCAS",45000,2021
"AMI-PCB-2021","Association Budget et Vous Gascogne","association","32","SN3.7 Déployer des points conseil budget","Point conseil budget itinérant en milieu rural",45000,2021
"AMI-ARS-SEGUR27-2021","Association Santé Passerelle Catalane","association","66","SN4.7 Ségur mesure 27 inégalités sociales de santé","Médiation en santé auprès des habitants de quartiers prioritaires",95000,2021
"AMI-ARS-SEGUR27-2021","Sport Santé Solidaire Vistrenque","association","30","SN4.7 Ségur mesure 27 inégalités sociales de santé","Médiation en santé par le sport pour jeunes en insertion",70000,2021
"AAP-PIC-INVISIBLES-2021","Association Repères Jeunesse Occitanie","association","REG","SN2.5 Repérer les jeunes dits invisibles","Repérage numérique et remobilisation de jeunes NEET par le sport et la culture",210000,2021
"AAP-ACCUEILS-JOUR-2021","Association Le Toit Partagé Biterrois","association","34","SN6.3 Accompagner les personnes à la rue","Réhabilitation et mise aux normes de l'accueil de jour",140000,2021
"AAP-FNAVDL-2020","Habitat Solidaire Garonne","association","31","SN6.1 Logement d'abord","Accompagnement vers et dans le logement avec un bailleur social partenaire",320000,2020
"AAP-FDI-2021","Atelier Chantier Vallée du Tarn","SIAE (ACI)","81","SN5.4 Insertion par l'activité économique","Création d'un atelier chantier d'insertion en maraîchage biologique",85000,2021
"AAP-FDI-2021","Recyclerie du Ségala","SIAE (EI)","12","SN5.4 Insertion par l'activité économique","Développement d'une recyclerie et embauche de 6 salariés en insertion",120000,2021
"AAP-MOBILITE-2021","Plateforme Mobilité Solidaire Corbières-Minervois","association","11","SN5.2 Lever les freins mobilité et garde d'enfant","Diagnostics mobilité, auto-école solidaire et prêt de véhicules",90000,2021
"AAP-GT-ACTEURS-2020","Association Terre d'Accueil Bigourdane","association","65","SN3.9 Lutter contre la précarité alimentaire","Ateliers cuisine et éducation alimentaire sur les points de distribution",22000,2020
"AAP-GT-ACTEURS-2021","Collectif Aller-Vers Rouergue","association","12","SN2.4 Lutter contre le décrochage scolaire et accompagner l'obligation de formation","Ateliers de persévérance scolaire pour collégiens ruraux",32000,2021
"AAP-GT-ACTEURS-2021","Association Regards Croisés Albigeois","association","81","SN0 Transversal (participation)","Formation à la participation de personnes accompagnées aux groupes de travail",18000,2021
"AAP-GT-ACTEURS-2021","Coordination des radios associatives solidaires","association","REG","SN0 Transversal (connaissance et valorisation)","Émissions de valorisation des actions associatives contre la pauvreté",45000,2021
"AAP-GT-ACTEURS-2021","Association Jeunes en Causse","association","46","SN2.1 Informer les jeunes sur leurs droits et promouvoir leur engagement","Promotion du service civique auprès des jeunes ruraux",25000,2021
"AAP-CD82-PLAINE","Association Elles Rebondissent","association","82","SN3.11 Droit des femmes au respect de leur dignité","Remobilisation socioprofessionnelle de femmes victimes de violences",35000,2021
"SUBV-PRECARITE-MENSTRUELLE","Association Dignité Femmes Aude","association","11","SN3.11 Droit des femmes au respect de leur dignité","Distribution de protections périodiques en accueils de jour et hôtels",8000,2022
"SUBV-DOMICILIATION-2021","CCAS de Puech-Moyen","CCAS","82","SN6.3 Accompagner les personnes à la rue","Renforcement du service de domiciliation et réduction des files d'attente",12000,2021
"FIPE-2023","Association Crèches Solidaires du Comminges","association","31","PS01 Fonds d'innovation pour la petite enfance","Places réservées et horaires atypiques pour parents en insertion",150000,2024
"MMPT-2024","Association Paniers Verts du Quercy","association","46","PS16 Mieux manger pour tous","Paniers de fruits et légumes locaux pour bénéficiaires de l'aide alimentaire",40000,2024
"MMPT-2024","Épicerie Coopérative Lozérienne","association","48","PS16 Mieux manger pour tous","Approvisionnement en circuits courts d'une épicerie solidaire rurale",30000,2025
"PACTES-TERRITORIAUX-2024","Communauté d'agglomération Vallées d'Oc","EPCI","30","PS-N3 Pactes locaux des solidarités","Pacte territorial : parentalité, accès aux droits et mobilité solidaire",180000,2024
"PACTES-TERRITORIAUX-2024","Communauté de communes Margeride Sud","EPCI","48","PS-N3 Pactes locaux des solidarités","Pacte territorial rural contre le non-recours aux droits",120000,2025
"PACTES-TERRITORIAUX-2024","Association Quartiers Solidaires Perpignanais","association","66","PS-N3 Pactes locaux des solidarités","Pacte de quartier prioritaire : décrochage scolaire et accompagnement des jeunes",90000,2025
"""##
}
