# language: nl
Functionaliteit: Een uitgegeven rapportage is verankerd in een controlepunt van het grootboek
  Een raadslid of rekenkamer die een kwartaalrapportage heeft ontvangen, moet zonder het hele
  grootboek kunnen nagaan dat de gebeurtenissen achter een cijfer of een besluit in het grootboek
  staan zoals de raad het zag, en dat het grootboek van vandaag daarop voortbouwt. Daarom draagt
  elke uitgegeven rapportage het controlepunt van het moment van uitgifte (de omvang en de
  wortelhash van de Merkle-boom, ondertekend als het grootboek een sleutel heeft) en noemt ze per
  cijfer de posities van de gebeurtenissen erachter.

  Achtergrond:
    Gegeven het demogrootboek van de Leidse regio

  Regel: Een uitgegeven rapportage draagt het controlepunt van het moment van uitgifte

    Scenario: Met de sleutel van het grootboek is het controlepunt ondertekend
      Als de rapportage van "WRL" over "2021Q4" opnieuw wordt uitgegeven als "WRL-2021Q4-v2" met de sleutel van het grootboek
      Dan wordt dit aanvaard
      En draagt de rapportage "WRL-2021Q4-v2" de boomomvang en wortelhash van het grootboek bij haar positie
      En is haar controlepunt ondertekend met de sleutel van het grootboek

    Scenario: Zonder sleutel zegt de rapportage dat haar controlepunt niet ondertekend is
      Dan draagt de rapportage "WRL-2021Q4" de boomomvang en wortelhash van het grootboek bij haar positie
      En zegt de rapportage "geen ondertekeningssleutel" dat haar controlepunt niet ondertekend is

    Scenario: Een sleutel die niet te lezen is, wordt geweigerd
      Als de rapportage van "WRL" over "2021Q4" opnieuw wordt uitgegeven als "WRL-2021Q4-v2" met een sleutelbestand dat niet bestaat
      Dan wordt dit geweigerd met "bestaat niet"
      En is er niets vastgelegd

  Regel: Achter elk cijfer staan precies de gebeurtenissen die het bepalen

    Scenario: Het benut van werkstroom WS1 volgt uit precies zijn gebeurtenissen
      Als de kwartaalrapportage van "WRL" over "2021Q4" wordt gemaakt
      Dan is het cijfer "finance/WS1/benut" opnieuw te berekenen uit alleen zijn gebeurtenissen
      En verandert het cijfer "finance/WS1/benut" zonder elk van zijn gebeurtenissen

    Scenario: Een cijfer dat de rapportage niet heeft, is niet te bewijzen
      Als bewijzen worden gevraagd voor het cijfer "finance/WS9/benut" van "WRL-2021Q4"
      Dan wordt dit geweigerd met "heeft geen cijfer 'finance/WS9/benut'"

  Regel: Wie alleen het controlepunt van de rapportage heeft, controleert een bewijs zonder het grootboek

    Scenario: Een genoemd besluit staat in het grootboek dat de raad zag, en het grootboek van vandaag bouwt daarop voort
      Als bewijzen worden gevraagd voor het besluit "WRL-PHO-2021-02" van "WRL-2021Q4"
      Dan klopt elk bewijs van het besluit tegen het controlepunt van de rapportage
      En klopt het bewijs dat het grootboek van vandaag voortbouwt op het controlepunt van de rapportage

    Scenario: Een bewijs tegen een ander controlepunt klopt niet
      Als bewijzen worden gevraagd voor het besluit "WRL-PHO-2021-02" van "WRL-2021Q4"
      Dan klopt het bewijs niet tegen een controlepunt met een gebeurtenis minder
