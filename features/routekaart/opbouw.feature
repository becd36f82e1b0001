# language: nl
Functionaliteit: Wegen, stappen en acties
  Een Routekaart bestaat uit wegen, op volgorde van hun nummer, ook als een weg later wordt
  toegevoegd. Een weg bestaat uit stappen, per weg genummerd vanaf STAP 0. Onder een stap staan
  de acties om die stap te realiseren, elk met wie de actie heeft (actie voor) waar de bron dat
  noemt; een actie zonder actie voor toont er geen. Een weg die niet
  in stappen is verdeeld, heeft zijn acties zelf. Niets van een Routekaart gaat vooraf aan haar
  vaststelling.

  Achtergrond:
    Gegeven de gemeente "Voorschoten" met CBS-code "GM0626"
    En het besluit "VS-RAAD-1" van "raad:GM0626" van 2019-01-31
    En de Routekaart "VS-RK" van "GM0626", vastgesteld op 2019-01-31 bij besluit "VS-RAAD-1"
    En weg 1 "Visie op regionale samenwerking"

  Scenario: Een weg die later wordt toegevoegd staat op zijn plaats
    Gegeven weg 2 "Samenwerking Leidse regio"
    Als het secretariaat weg 3 "Relatie met Wassenaar" toevoegt op 2019-12-16
    Dan toont het overzicht de wegen "1, 2, 3"
    En is weg 3 toegevoegd na de vaststelling
    En toont het overzicht op 2019-06-01 de wegen "1, 2"

  Scenario: Zonder nummer krijgt een nieuwe weg het volgende nummer
    Als het secretariaat een weg "Samenwerking Leidse regio" toevoegt
    Dan toont het overzicht de wegen "1, 2"

  Scenario: Stappen staan per weg op volgorde, vanaf STAP 0
    Als het secretariaat stap "1.2" "Inventarisatie samenwerkingen" toevoegt
    En het secretariaat stap "1.0" "Informatiebijeenkomst" toevoegt
    En het secretariaat stap "1.1" "Formuleren visie" toevoegt
    Dan toont het overzicht van weg 1 de stappen "STAP 0, STAP 1, STAP 2"

  Scenario: Een stapnummer komt in een weg maar één keer voor
    Gegeven stap "1.1" "Formuleren visie"
    Als het secretariaat stap "1.1" "Nog een visie" toevoegt
    Dan wordt dit geweigerd met "heeft al stap 1.1"
    En is er niets vastgelegd

  Scenario: Een stap hoort bij een bestaande weg
    Als het secretariaat stap "4.0" "Iets" toevoegt
    Dan wordt dit geweigerd met "Routekaart VS-RK heeft geen weg 4"
    En is er niets vastgelegd

  Abstract Scenario: Een actie is voor een actor of voor een partij
    Gegeven stap "1.1" "Formuleren visie"
    Als het secretariaat actie "1.1/1" "Dashboard opstellen" voor "<actor>" toevoegt
    Dan heeft actie "1.1/1" als actie voor "<getoond>"

    Voorbeelden:
      | actor         | getoond       |
      | Raad          | Raad          |
      | college       | College       |
      | griffie       | Griffie       |
      | presidium     | Presidium     |
      | programmateam | Programmateam |
      | GM0626        | Voorschoten   |

  Scenario: Een actie zonder actie voor toont er geen
    Gegeven stap "1.0" "Informatiebijeenkomst"
    Als het secretariaat actie "1.0/1" "Dorpsdialoog" zonder actie voor toevoegt
    Dan heeft actie "1.0/1" geen actie voor
    En toont het overzicht bij actie "1.0/1" geen status

  Scenario: Een actie voor iemand die de ledger niet kent wordt geweigerd
    Gegeven stap "1.1" "Formuleren visie"
    Als het secretariaat actie "1.1/1" "Dashboard opstellen" voor "wethouder" toevoegt
    Dan wordt dit geweigerd met "'wethouder' is geen raad, college, griffie, presidium, programmateam of partij"
    En is er niets vastgelegd

  Scenario: Acties krijgen zonder nummer het volgende nummer van hun stap
    Gegeven stap "1.1" "Formuleren visie"
    En actie "1.1/1" "Dashboard opstellen" voor "raad"
    Als het secretariaat een actie "Rapporteurs aanstellen" voor "raad" toevoegt aan "1.1"
    Dan heeft stap "1.1" de acties "1, 2"

  Scenario: Een weg met stappen heeft geen eigen acties
    Gegeven stap "1.1" "Formuleren visie"
    Als het secretariaat actie "1/1" "Iets doen" voor "college" toevoegt
    Dan wordt dit geweigerd met "heeft stappen; zijn acties horen onder een van die stappen"
    En is er niets vastgelegd

  Scenario: Een weg zonder stappen heeft zijn acties zelf, en krijgt er geen stappen bij
    Gegeven weg 2 "Samenwerking Leidse regio"
    En actie "2/1" "Klankbordgroep instellen" voor "college"
    Als het secretariaat stap "2.0" "Een stap" toevoegt
    Dan wordt dit geweigerd met "bevat zijn acties rechtstreeks, zonder stappen"
    En is er niets vastgelegd

  Scenario: Aan een afgeronde stap wordt geen actie toegevoegd
    Gegeven stap "1.1" "Formuleren visie"
    En "1.1" heeft de status "afgerond"
    Als het secretariaat actie "1.1/1" "Nog iets" voor "raad" toevoegt
    Dan wordt dit geweigerd met "Stap 1.1 is afgerond; er kan geen actie aan worden toegevoegd"
    En is er niets vastgelegd

  Scenario: Niets van een Routekaart gaat vooraf aan haar vaststelling
    Als het secretariaat weg 2 "Te vroeg" toevoegt op 2019-01-01
    Dan wordt dit geweigerd met "Routekaart VS-RK is op 31 januari 2019 vastgesteld"
    En is er niets vastgelegd
