# language: nl
Functionaliteit: Statussen van stappen en acties
  Een stap of actie is niet gestart, loopt, is gedeeltelijk afgerond, afgerond of vervallen. Een
  status gaat alleen vooruit: van niet gestart naar elke andere status, van loopt naar
  gedeeltelijk afgerond, afgerond of vervallen, van gedeeltelijk afgerond naar afgerond of
  vervallen. Een stap is pas afgerond als elke actie eronder afgerond of vervallen is. De status
  van een weg volgt uit zijn stappen (of, zonder stappen, uit zijn acties) en wordt nooit gezet;
  het overzicht noemt haar daarom "afgeleid". Een stap of actie waarvan niemand een status
  vastlegde, toont geen statuswoord. Een waarde die met een aanname is vastgelegd, krijgt in het
  overzicht een markering en een voetnoot.
  Elke wijziging is een gebeurtenis met een ingangsdatum, en wijzigingen van één stap of actie
  volgen elkaar in de tijd op.

  Achtergrond:
    Gegeven de gemeente "Voorschoten" met CBS-code "GM0626"
    En het besluit "VS-RAAD-1" van "raad:GM0626" van 2019-01-31
    En de Routekaart "VS-RK" van "GM0626", vastgesteld op 2019-01-31 bij besluit "VS-RAAD-1"
    En weg 1 "Visie op regionale samenwerking"
    En stap "1.1" "Formuleren visie op samenwerking"
    En stap "1.2" "Inventarisatie samenwerkingen"

  Abstract Scenario: Een status gaat vooruit
    Gegeven "1.1" heeft de status "<van>"
    Als het secretariaat de status van "1.1" op "<naar>" zet
    Dan heeft "1.1" de status "<naar>"

    Voorbeelden:
      | van                   | naar                  |
      | niet gestart          | loopt                 |
      | niet gestart          | gedeeltelijk afgerond |
      | niet gestart          | afgerond              |
      | niet gestart          | vervallen             |
      | loopt                 | gedeeltelijk afgerond |
      | loopt                 | afgerond              |
      | loopt                 | vervallen             |
      | gedeeltelijk afgerond | afgerond              |
      | gedeeltelijk afgerond | vervallen             |

  Abstract Scenario: Een status gaat niet terug
    Gegeven "1.1" heeft de status "<van>"
    Als het secretariaat de status van "1.1" op "<naar>" zet
    Dan wordt dit geweigerd met "Stap 1.1 kan niet van <van> terug naar <naar>"
    En is er niets vastgelegd

    Voorbeelden:
      | van                   | naar         |
      | loopt                 | niet gestart |
      | gedeeltelijk afgerond | loopt        |
      | gedeeltelijk afgerond | niet gestart |

  Scenario: Dezelfde status nog eens zetten verandert niets en wordt geweigerd
    Gegeven "1.1" heeft de status "loopt"
    Als het secretariaat de status van "1.1" op "loopt" zet
    Dan wordt dit geweigerd met "Stap 1.1 heeft al de status loopt"
    En is er niets vastgelegd

  Scenario: Een onbekende status wordt geweigerd
    Als het secretariaat de status van "1.1" op "bijna klaar" zet
    Dan wordt dit geweigerd met "'bijna klaar' is geen status van een stap of actie"
    En is er niets vastgelegd

  Scenario: Een stap is pas afgerond als al zijn acties afgerond of vervallen zijn
    Gegeven actie "1.2/1" "Inventarisatie laten maken" voor "college"
    En actie "1.2/2" "Inventarisatie bespreken" voor "raad"
    En actie "1.2/3" "Inventarisatie publiceren" voor "griffie"
    En "1.2/1" heeft de status "afgerond"
    Als het secretariaat de status van "1.2" op "afgerond" zet
    Dan wordt dit geweigerd met "Stap 1.2 kan niet afgerond worden zolang actie 2 en 3 nog openstaan"
    En is er niets vastgelegd

  Scenario: Met elke actie afgerond of vervallen kan de stap afgerond worden
    Gegeven actie "1.2/1" "Inventarisatie laten maken" voor "college"
    En actie "1.2/2" "Inventarisatie bespreken" voor "raad"
    En "1.2/1" heeft de status "afgerond"
    En "1.2/2" heeft de status "vervallen"
    Als het secretariaat de status van "1.2" op "afgerond" zet
    Dan heeft "1.2" de status "afgerond"

  Abstract Scenario: De status van een weg volgt uit zijn stappen
    Gegeven "1.1" heeft de status "<stap 1.1>"
    En "1.2" heeft de status "<stap 1.2>"
    Dan heeft "1" de status "<weg 1>"

    Voorbeelden:
      | stap 1.1              | stap 1.2     | weg 1                 |
      | loopt                 | niet gestart | loopt                 |
      | afgerond              | loopt        | gedeeltelijk afgerond |
      | gedeeltelijk afgerond | niet gestart | gedeeltelijk afgerond |
      | afgerond              | afgerond     | afgerond              |
      | afgerond              | vervallen    | afgerond              |
      | vervallen             | vervallen    | vervallen             |

  Scenario: Een weg zonder stappen krijgt zijn status uit zijn acties
    Gegeven weg 2 "Samenwerking Leidse regio"
    En actie "2/1" "Klankbordgroep instellen" voor "college"
    En actie "2/2" "Portefeuillehoudersoverleg instellen" voor "college"
    En "2/1" heeft de status "afgerond"
    Dan heeft "2" de status "gedeeltelijk afgerond"

  Scenario: De status van een weg wordt niet gezet
    Als het secretariaat de status van "1" op "afgerond" zet
    Dan wordt dit geweigerd met "De status van weg 1 volgt uit zijn stappen"
    En is er niets vastgelegd

  Scenario: Het overzicht toont de status zoals die op een datum was
    Gegeven "1.1" heeft de status "loopt" op 2019-03-01
    En "1.1" heeft de status "afgerond" op 2019-06-01
    Dan heeft "1.1" op 2019-02-01 de status "niet gestart"
    En heeft "1.1" op 2019-04-01 de status "loopt"
    En heeft "1.1" op 2019-07-01 de status "afgerond"

  Scenario: Een statuswijziging gaat niet vooraf aan de vorige
    Gegeven "1.1" heeft de status "loopt" op 2019-05-01
    Als het secretariaat de status van "1.1" op "afgerond" zet op 2019-04-01
    Dan wordt dit geweigerd met "die is het laatst gewijzigd per 1 mei 2019"
    En is er niets vastgelegd

  Scenario: Een statuswijziging kan op een besluit rusten dat dan geldt
    Gegeven het besluit "VS-COLLEGE-9" van "college:GM0626" van 2019-06-01
    Als het secretariaat de status van "1.1" op "afgerond" zet op 2019-05-01 met besluit "VS-COLLEGE-9"
    Dan wordt dit geweigerd met "het is pas op 1 juni 2019 genomen"
    En is er niets vastgelegd

  Scenario: Het overzicht noemt een status alleen waar die is vastgelegd, en een afgeleide als afgeleid
    Gegeven "1.2" heeft de status "loopt"
    Dan toont het overzicht bij stap "1.2" de status "Loopt"
    En toont het overzicht bij stap "1.1" geen status
    En toont het overzicht bij weg 1 de status "Loopt (afgeleid)"

  Scenario: Een aangenomen waarde krijgt een markering en een voetnoot
    Als het secretariaat de status van "1.1" op "loopt" zet met referentie "aanname:datum niet in de bron"
    Dan toont het overzicht bij stap "1.1" de status "Loopt [aanname 1]"
    En zegt voetnoot 1 van het overzicht "datum niet in de bron"

