# language: nl
Functionaliteit: Plustaken: een coalition of the willing van ten minste drie gemeenten
  Onder een centrumregeling vallen de basistaken voor alle gemeenten. Een plustaak is een extra
  project van ten minste drie gemeenten van die regeling, onder een eigen overeenkomst die de
  centrumregeling uitbreidt en door de deelnemers extra wordt betaald. Een plustaak komt pas in
  werking met drie getekende gemeenten, en niemand kan uittreden als er dan minder dan drie
  overblijven: dan wordt de plustaak beëindigd.

  Achtergrond:
    Gegeven de gemeenten van Noord-Limburg zijn geregistreerd
    En de provincie "Provincie Limburg" (LB) is geregistreerd
    En de centrumregeling "CR" tussen "GM0983, GM0984, GM1507, GM1894, GM0889" is opgesteld
    En de overeenkomst "CONV" van soort "convenant" tussen "GM0983, GM0984, GM1507" is opgesteld

  Scenario: Een plustaak van drie gemeenten is in werking zodra alle drie hebben getekend
    Gegeven de plustaak "PT" op "CR" tussen "GM0983, GM0984, GM1507" is opgesteld
    En "GM0983" heeft "PT" op 2024-03-05 ondertekend
    En "GM0984" heeft "PT" op 2024-03-05 ondertekend
    Dan is de status van "PT" op 2024-03-06 "concept"
    Als "GM1507" "PT" op 2024-03-07 ondertekent met een besluit van het eigen college
    Dan wordt dit aanvaard
    En is de status van "PT" op 2024-03-07 "in werking"

  Scenario: Een plustaak met minder dan drie gemeenten wordt geweigerd
    Als het secretariaat de plustaak "PT" op "CR" tussen "GM0983, GM0984" opstelt
    Dan wordt dit geweigerd met "Plustaak PT nodigt 2 gemeenten uit; een plustaak vraagt om ten minste 3 gemeenten."
    En is er niets vastgelegd

  Scenario: Alleen gemeenten nemen deel aan een plustaak
    Als het secretariaat de plustaak "PT" op "CR" tussen "GM0983, GM0984, GM1507, LB" opstelt
    Dan wordt dit geweigerd met "Alleen gemeenten nemen deel aan een plustaak; LB is geen gemeente."
    En is er niets vastgelegd

  Scenario: Alleen gemeenten van de centrumregeling nemen deel
    Als het secretariaat de plustaak "PT" op "CR" tussen "GM0983, GM0984, GM0907" opstelt
    Dan wordt dit geweigerd met "GM0907 is geen partij bij centrumregeling CR, die plustaak PT aanvult."
    En is er niets vastgelegd

  Scenario: Een plustaak noemt de centrumregeling die zij uitbreidt
    Als het secretariaat de plustaak "PT" tussen "GM0983, GM0984, GM1507" opstelt
    Dan wordt dit geweigerd met "Plustaak PT moet de centrumregeling noemen die zij aanvult."
    En is er niets vastgelegd

  Scenario: De centrumregeling moet bestaan
    Als het secretariaat de plustaak "PT" op "ONBEKEND" tussen "GM0983, GM0984, GM1507" opstelt
    Dan wordt dit geweigerd met "Het grootboek kent geen overeenkomst 'ONBEKEND'."
    En is er niets vastgelegd

  Scenario: Een plustaak breidt alleen een centrumregeling uit
    Als het secretariaat de plustaak "PT" op "CONV" tussen "GM0983, GM0984, GM1507" opstelt
    Dan wordt dit geweigerd met "Plustaak PT kan CONV niet aanvullen: dat is een convenant, geen centrumregeling."
    En is er niets vastgelegd

  Scenario: Alleen een plustaak breidt een centrumregeling uit
    Als het secretariaat de overeenkomst "X" van soort "convenant" op "CR" tussen "GM0983, GM0984" opstelt
    Dan wordt dit geweigerd met "Alleen een plustaak vult een centrumregeling aan, niet een convenant."
    En is er niets vastgelegd

  Scenario: Uittreden dat minder dan drie gemeenten overlaat, wordt geweigerd
    Gegeven de plustaak "PT" op "CR" tussen "GM0983, GM0984, GM1507" is opgesteld
    En "PT" is door alle partijen op 2024-03-05 ondertekend
    Als "GM1507" per 2024-06-01 uit "PT" treedt met een besluit van het eigen college
    Dan wordt dit geweigerd met "GM1507 kan niet per 1 juni 2024 uittreden uit plustaak PT: er zouden 2 gemeenten overblijven, en een plustaak loopt alleen met ten minste 3 gemeenten."
    En is er niets vastgelegd

  Scenario: Met vier gemeenten kan er één uittreden
    Gegeven de plustaak "PT" op "CR" tussen "GM0983, GM0984, GM1507, GM1894" is opgesteld
    En "PT" is door alle partijen op 2024-03-05 ondertekend
    Als "GM1894" per 2024-06-01 uit "PT" treedt met een besluit van het eigen college
    Dan wordt dit aanvaard
    En is de status van "PT" op 2024-06-01 "in werking"
    En zijn op 2024-06-01 de partijen van "PT": "GM0983, GM0984, GM1507"

  Scenario: Een plustaak die te klein wordt, wordt beëindigd
    Gegeven de plustaak "PT" op "CR" tussen "GM0983, GM0984, GM1507" is opgesteld
    En "PT" is door alle partijen op 2024-03-05 ondertekend
    Als "PT" op 2024-12-31 wordt beëindigd met reden "de coalitie valt uiteen"
    Dan wordt dit aanvaard
    En is de status van "PT" op 2024-12-30 "in werking"
    En is de status van "PT" op 2024-12-31 "beëindigd"

  Regel: Wie uit de centrumregeling treedt, treedt op dezelfde dag uit haar plustaken

    Scenario: Uittreden uit de centrumregeling beëindigt de deelname aan de plustaak
      Gegeven "CR" is door alle partijen op 2024-01-10 ondertekend
      En de plustaak "PT" op "CR" tussen "GM0983, GM0984, GM1507, GM1894" is opgesteld
      En "PT" is door alle partijen op 2024-03-05 ondertekend
      Als "GM1507" per 2024-08-01 uit "CR" treedt met een besluit van het eigen college
      Dan wordt dit aanvaard
      En zijn op 2024-08-01 de partijen van "PT": "GM0983, GM0984, GM1894"
      En zijn op 2024-07-31 de partijen van "PT": "GM0983, GM0984, GM1507, GM1894"
      En legde dezelfde opdracht de uittreding uit "PT" vast
      En meldt de controle niets over plustaken

    Scenario: Uittreden uit de centrumregeling dat een plustaak te klein maakt, wordt geweigerd
      Gegeven "CR" is door alle partijen op 2024-01-10 ondertekend
      En de plustaak "PT" op "CR" tussen "GM0983, GM0984, GM1507" is opgesteld
      En "PT" is door alle partijen op 2024-03-05 ondertekend
      Als "GM1507" per 2024-08-01 uit "CR" treedt met een besluit van het eigen college
      Dan wordt dit geweigerd met "GM1507 kan niet per 1 augustus 2024 uittreden uit centrumregeling CR: GM1507 neemt deel aan plustaak PT, waarin dan 2 gemeenten zouden overblijven, en een plustaak loopt alleen met ten minste 3 gemeenten."
      En is er niets vastgelegd
      En zijn op 2024-08-01 de partijen van "PT": "GM0983, GM0984, GM1507"

    Scenario: Na het einde van de plustaak kan de gemeente uit de centrumregeling treden
      Gegeven "CR" is door alle partijen op 2024-01-10 ondertekend
      En de plustaak "PT" op "CR" tussen "GM0983, GM0984, GM1507" is opgesteld
      En "PT" is door alle partijen op 2024-03-05 ondertekend
      En "PT" is op 2024-07-31 beëindigd
      Als "GM1507" per 2024-08-01 uit "CR" treedt met een besluit van het eigen college
      Dan wordt dit aanvaard
      En meldt de controle niets over plustaken
