# language: nl
Functionaliteit: Een overeenkomst aangaan: opstellen, ondertekenen, in werking
  Een overeenkomst (SOK, DVO, centrumregeling, plustaak, convenant of andere) wordt opgesteld met
  de partijen die worden uitgenodigd. Elke partij tekent op een datum, op een besluit van haar
  eigen college. Tot alle uitgenodigde partijen hebben getekend is de overeenkomst een concept;
  daarna is zij in werking, vanaf de datum van de laatste handtekening.

  Achtergrond:
    Gegeven de gemeenten van de Leidse regio zijn geregistreerd
    En de overeenkomst "SOK" van soort "sok" tussen "GM0546, GM0547, GM0537" is opgesteld

  Scenario: Een overeenkomst is een concept tot alle partijen hebben getekend
    Gegeven "GM0546" heeft "SOK" op 2021-10-05 ondertekend
    En "GM0547" heeft "SOK" op 2021-10-05 ondertekend
    Dan is de status van "SOK" op 2021-10-06 "concept"
    En hebben op 2021-10-06 nog niet getekend: "GM0537"

  Scenario: De overeenkomst is in werking vanaf de laatste handtekening
    Gegeven "GM0546" heeft "SOK" op 2021-10-05 ondertekend
    En "GM0547" heeft "SOK" op 2021-10-05 ondertekend
    Als "GM0537" "SOK" op 2021-10-12 ondertekent met een besluit van het eigen college
    Dan wordt dit aanvaard
    En is "SOK" in werking sinds 2021-10-12
    En is de status van "SOK" op 2021-10-11 "concept"
    En is de status van "SOK" op 2021-10-12 "in werking"
    En zijn op 2021-10-12 de partijen van "SOK": "GM0546, GM0547, GM0537"

  Scenario: Een partij die niet is uitgenodigd, kan niet tekenen
    Als "GM0626" "SOK" op 2021-10-05 ondertekent met een besluit van het eigen college
    Dan wordt dit geweigerd met "GM0626 is niet uitgenodigd voor overeenkomst SOK."
    En is er niets vastgelegd

  Scenario: Een partij tekent één keer
    Gegeven "GM0546" heeft "SOK" op 2021-10-05 ondertekend
    Als "GM0546" "SOK" op 2021-10-06 ondertekent met een besluit van het eigen college
    Dan wordt dit geweigerd met "GM0546 heeft overeenkomst SOK al op 5 oktober 2021 ondertekend."
    En is er niets vastgelegd

  Abstract Scenario: Elke soort overeenkomst kan worden opgesteld
    Als het secretariaat de overeenkomst "X" van soort "<soort>" tussen "GM0546, GM0547" opstelt
    Dan wordt dit aanvaard
    En is de status van "X" op 2021-10-01 "concept"

    Voorbeelden:
      | soort           |
      | sok             |
      | dvo             |
      | centrumregeling |
      | convenant       |
      | other           |

  Scenario: Een onbekende soort overeenkomst wordt geweigerd
    Als het secretariaat de overeenkomst "X" van soort "huurcontract" tussen "GM0546, GM0547" opstelt
    Dan wordt dit geweigerd met "'huurcontract' is geen soort overeenkomst."
    En is er niets vastgelegd

  Scenario: Een overeenkomst bindt ten minste twee partijen
    Als het secretariaat de overeenkomst "X" van soort "convenant" tussen "GM0546" opstelt
    Dan wordt dit geweigerd met "Overeenkomst X nodigt 1 partij uit; een overeenkomst bindt ten minste 2 partijen."
    En is er niets vastgelegd

  Scenario: Een onbekende partij kan niet worden uitgenodigd
    Als het secretariaat de overeenkomst "X" van soort "convenant" tussen "GM0546, GM9999" opstelt
    Dan wordt dit geweigerd met "Het grootboek kent geen partij 'GM9999'."
    En is er niets vastgelegd

  Scenario: Een sleutel wordt één keer gebruikt
    Als het secretariaat de overeenkomst "SOK" van soort "dvo" tussen "GM0546, GM0547" opstelt
    Dan wordt dit geweigerd met "Overeenkomst SOK is al vastgelegd."
    En is er niets vastgelegd
