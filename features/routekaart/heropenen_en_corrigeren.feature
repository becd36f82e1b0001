# language: nl
Functionaliteit: Heropenen en corrigeren
  Wat afgerond of vervallen is, gaat alleen weer open met een reden en een grondslag: een
  referentie of een besluit. Een afgeronde stap gaat terug naar loopt of gedeeltelijk afgerond,
  een vervallen stap naar niet gestart of loopt. Een actie onder een afgeronde stap gaat pas open
  als de stap weer open is. Een status die per vergissing is vastgelegd, wordt niet gewijzigd maar
  gecorrigeerd met een nieuwe gebeurtenis die naar de vergissing verwijst.

  Achtergrond:
    Gegeven de gemeente "Voorschoten" met CBS-code "GM0626"
    En het besluit "VS-RAAD-1" van "raad:GM0626" van 2019-01-31
    En de Routekaart "VS-RK" van "GM0626", vastgesteld op 2019-01-31 bij besluit "VS-RAAD-1"
    En weg 1 "Visie op regionale samenwerking"
    En stap "1.2" "Inventarisatie samenwerkingen"
    En actie "1.2/1" "Inventarisatie laten maken" voor "college"
    En "1.2/1" heeft de status "afgerond"
    En "1.2" heeft de status "afgerond"

  Scenario: Heropenen zonder reden wordt geweigerd
    Als het secretariaat de status van "1.2" op "loopt" zet met referentie "doc:166008"
    Dan wordt dit geweigerd met "Voor het heropenen van stap 1.2 (afgerond) is een reden nodig"
    En is er niets vastgelegd

  Scenario: Heropenen zonder grondslag wordt geweigerd
    Als het secretariaat de status van "1.2" op "loopt" zet met reden "Inventarisatie onvolledig"
    Dan wordt dit geweigerd met "Voor het heropenen van stap 1.2 (afgerond) is een grondslag nodig"
    En is er niets vastgelegd

  Scenario: Heropenen met reden en referentie wordt aanvaard
    Als het secretariaat de status van "1.2" op "loopt" zet met reden "Inventarisatie onvolledig" en referentie "doc:166008"
    Dan wordt dit aanvaard
    En heeft "1.2" de status "loopt"

  Scenario: Heropenen met reden en een geldend besluit wordt aanvaard
    Gegeven het besluit "VS-COLLEGE-2" van "college:GM0626" van 2019-03-01
    Als het secretariaat de status van "1.2" op "gedeeltelijk afgerond" zet met reden "Aanvullend onderzoek" en besluit "VS-COLLEGE-2"
    Dan heeft "1.2" de status "gedeeltelijk afgerond"

  Scenario: Een afgeronde stap gaat niet terug naar niet gestart
    Als het secretariaat de status van "1.2" op "niet gestart" zet met reden "Opnieuw" en referentie "doc:166008"
    Dan wordt dit geweigerd met "heropenen kan alleen naar loopt of gedeeltelijk afgerond"
    En is er niets vastgelegd

  Scenario: Een afgeronde stap vervalt niet meer
    Als het secretariaat de status van "1.2" op "vervallen" zet
    Dan wordt dit geweigerd met "heropenen kan alleen naar loopt of gedeeltelijk afgerond, niet naar vervallen"
    En is er niets vastgelegd

  Scenario: Een vervallen actie gaat weer open met reden en grondslag
    Gegeven stap "1.3" "Analyse"
    En actie "1.3/1" "Analyse laten maken" voor "college"
    En "1.3/1" heeft de status "vervallen"
    Als het secretariaat de status van "1.3/1" op "loopt" zet met reden "Toch nodig" en referentie "zaak:Z/19/000001"
    Dan heeft "1.3/1" de status "loopt"

  Scenario: Een actie onder een afgeronde stap gaat pas open als de stap open is
    Als het secretariaat de status van "1.2/1" op "loopt" zet met reden "Aanvulling" en referentie "doc:166008"
    Dan wordt dit geweigerd met "Actie 1.2/1 kan niet worden heropend zolang stap 1.2 afgerond is"
    En is er niets vastgelegd

  Scenario: Een vergissing wordt gecorrigeerd met een verwijzing naar de vergissing
    Gegeven stap "1.3" "Analyse"
    En "1.3" heeft de status "afgerond" op 2019-07-05
    Als het secretariaat de status van "1.3" corrigeert naar "loopt" met reden "Per abuis afgerond"
    Dan heeft "1.3" de status "loopt"
    En verwijst de correctie naar de gecorrigeerde statuswijziging
    En staat de gecorrigeerde statuswijziging ongewijzigd in het logboek
    En gaat de correctie in op 2019-07-05

  Scenario: Een correctie vraagt een reden
    Gegeven stap "1.3" "Analyse"
    En "1.3" heeft de status "afgerond" op 2019-07-05
    Als het secretariaat de status van "1.3" corrigeert naar "loopt"
    Dan wordt dit geweigerd met "Voor een correctie van de status van stap 1.3 is een reden nodig"
    En is er niets vastgelegd

  Scenario: Alleen de statuswijziging die de huidige status zette kan gecorrigeerd worden
    Gegeven stap "1.3" "Analyse"
    En "1.3" heeft de status "loopt" op 2019-05-01
    En "1.3" heeft de status "afgerond" op 2019-07-05
    Als het secretariaat de eerste statuswijziging van "1.3" corrigeert naar "gedeeltelijk afgerond" met reden "Vergissing"
    Dan wordt dit geweigerd met "Alleen de gebeurtenis die de huidige status van stap 1.3 vastlegde, kan worden gecorrigeerd"
    En is er niets vastgelegd
