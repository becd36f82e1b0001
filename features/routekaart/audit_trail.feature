# language: nl
Functionaliteit: Het audit trail van een stap en een actie
  Het audit trail van een stap vertelt elke gebeurtenis die de stap raakte, op volgorde: wanneer
  zij is vastgelegd en ingegaan, door wie, op welke grondslag (een besluit voluit, met titel en
  orgaan) en wat er veranderde, voor en na, voor de stap zelf of voor een actie eronder. Een
  correctie verwijst naar wat zij corrigeert. Een auditor kan het volgen zonder iemand iets te
  vragen.

  Achtergrond:
    Gegeven de gemeente "Voorschoten" met CBS-code "GM0626"
    En het besluit "VS-RAAD-1" van "raad:GM0626" van 2019-01-31
    En de Routekaart "VS-RK" van "GM0626", vastgesteld op 2019-01-31 bij besluit "VS-RAAD-1"
    En weg 1 "Visie op regionale samenwerking"
    En stap "1.2" "Inventarisatie samenwerkingen"
    En actie "1.2/1" "Inventarisatie laten maken" voor "college"
    En "1.2/1" heeft de status "afgerond" op 2019-03-01
    En het besluit "VS-COLLEGE-1" van "college:GM0626" van 2019-03-15
    En "1.2" heeft de status "afgerond" op 2019-03-15 met besluit "VS-COLLEGE-1"

  Scenario: Het trail van een stap vertelt elke gebeurtenis op volgorde
    Als een auditor het audit trail van "stap:VS-RK/1.2" opvraagt
    Dan telt het trail 4 gebeurtenissen
    En zegt gebeurtenis 4 "Het college van B&W van Voorschoten (GM0626) "
    En noemt gebeurtenis 4 als grondslag "besluit VS-COLLEGE-1 “Besluit VS-COLLEGE-1” van het college van B&W van Voorschoten (GM0626), genomen op 15 maart 2019; in werking per 15 maart 2019"
    En toont gebeurtenis 4 de wijziging "status: niet gestart → afgerond"
    En toont gebeurtenis 3 de wijziging "actie 1.2/1 status: niet gestart → afgerond"
    En heeft elke gebeurtenis een vastlegtijd, een ingangsdatum en een vastlegger

  Scenario: Het trail van een actie toont alleen die actie
    Als een auditor het audit trail van "actie:VS-RK/1.2/1" opvraagt
    Dan telt het trail 2 gebeurtenissen
    En toont gebeurtenis 2 de wijziging "status: niet gestart → afgerond"

  Scenario: Het trail zoals het op een eerdere datum stond
    Als een auditor het audit trail van "stap:VS-RK/1.2" op 2019-03-10 opvraagt
    Dan telt het trail 3 gebeurtenissen

  Scenario: Een correctie in het trail verwijst naar wat zij corrigeert
    Gegeven "1.2" heeft de status "loopt" op 2019-04-01 met reden "Nieuwe samenwerkingen gevonden" en referentie "doc:170001"
    En de status van "1.2" is gecorrigeerd naar "gedeeltelijk afgerond" met reden "Deels heropend" en referentie "doc:170001"
    Als een auditor het audit trail van "stap:VS-RK/1.2" opvraagt
    Dan zegt de laatste gebeurtenis dat zij de vorige corrigeert
    En zegt de voorlaatste gebeurtenis dat zij later is gecorrigeerd

  Scenario: Het trail van een besluit toont wat erop rust
    Als een auditor het audit trail van "decision:VS-COLLEGE-1" opvraagt
    Dan telt het trail 2 gebeurtenissen
    En zegt gebeurtenis 2 "Deze gebeurtenis berust op dit besluit."
