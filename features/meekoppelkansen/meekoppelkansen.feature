# language: nl
Functionaliteit: Meekoppelkansen
  Twee stukken werk die samen worden uitgevoerd, zoals het vervangen van een riool en het aanleggen
  van een warmtenet in dezelfde straat, eventueel van verschillende partijen of programma's. Een
  stuk werk is een onderwerp of actie in het grootboek, of een beschrijving van het project van een
  andere partij. De relatie staat in de audit trail van beide.

  Achtergrond:
    Gegeven de overeenkomst "WRL-SOK" tussen de zes gemeenten
    En het programma "WRL" onder overeenkomst "WRL-SOK"
    En programma "WRL" heeft werkstroom "WS2" "Warmtetransitie"
    En onderwerp "warmtenet" "Warmtenet Zuidwest" in "WRL/WS2" sinds 2021-10-05

  Regel: Een meekoppelkans koppelt twee verschillende stukken werk die het grootboek kent

    Scenario: Een warmtenet koppelen aan een rioolvervanging van een andere partij
      Als het secretariaat meekoppelkans "MK-1" vastlegt tussen "topic:WRL/WS2/warmtenet" en "Rioolvervanging Hoofdstraat (waterschap)"
      Dan wordt dit aanvaard
      En heeft meekoppelkans "MK-1" de status "verkend"
      En staat meekoppelkans "MK-1" in de audit trail van "topic:WRL/WS2/warmtenet"

    Scenario: Een onbekend onderwerp wordt geweigerd
      Als het secretariaat meekoppelkans "MK-1" vastlegt tussen "topic:WRL/WS2/onbekend" en "Rioolvervanging Hoofdstraat"
      Dan wordt dit geweigerd met "Het grootboek kent geen onderwerp 'WRL/WS2/onbekend'."
      En is er niets vastgelegd

    Scenario: Een stuk werk met zichzelf koppelen wordt geweigerd
      Als het secretariaat meekoppelkans "MK-1" vastlegt tussen "topic:WRL/WS2/warmtenet" en "topic:WRL/WS2/warmtenet"
      Dan wordt dit geweigerd met "koppelt topic:WRL/WS2/warmtenet aan zichzelf"
      En is er niets vastgelegd

  Regel: De status loopt van verkend naar gerealiseerd of vervallen, en die zijn definitief

    Scenario: Van verkend naar afgesproken
      Gegeven meekoppelkans "MK-1" tussen "topic:WRL/WS2/warmtenet" en "Rioolvervanging Hoofdstraat"
      Als het secretariaat de status van meekoppelkans "MK-1" wijzigt in "afgesproken"
      Dan wordt dit aanvaard
      En heeft meekoppelkans "MK-1" de status "afgesproken"
      En staat meekoppelkans "MK-1" in de audit trail van "topic:WRL/WS2/warmtenet"

    Scenario: Een vervallen meekoppelkans verandert niet meer
      Gegeven meekoppelkans "MK-1" tussen "topic:WRL/WS2/warmtenet" en "Rioolvervanging Hoofdstraat"
      En de status van meekoppelkans "MK-1" is "vervallen"
      Als het secretariaat de status van meekoppelkans "MK-1" wijzigt in "in uitvoering"
      Dan wordt dit geweigerd met "Meekoppelkans MK-1 is vervallen; de status verandert niet meer."
      En is er niets vastgelegd

    Scenario: Een onbekende status wordt geweigerd
      Gegeven meekoppelkans "MK-1" tussen "topic:WRL/WS2/warmtenet" en "Rioolvervanging Hoofdstraat"
      Als het secretariaat de status van meekoppelkans "MK-1" wijzigt in "misschien"
      Dan wordt dit geweigerd met "'misschien' is geen status van een meekoppelkans."
      En is er niets vastgelegd
