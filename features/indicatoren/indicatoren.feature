# language: nl
Functionaliteit: Indicatoren van een programma
  Een programma wil weten of het op koers ligt. Een indicator heeft een eenheid, een nulmeting met
  bron, doelen per jaar binnen de looptijd van het programma en metingen met hun bron. Of het
  programma op koers ligt volgt uit een rechte lijn van de nulmeting naar het doel.

  Achtergrond:
    Gegeven de overeenkomst "DH-BRON" tussen de zes gemeenten
    En het programma "DH" onder overeenkomst "DH-BRON" van 2024-01-01 tot 2030-12-31
    En indicator "DH/warmtevraag" in "PJ" met nulmeting 13 op 2021-12-31 uit "Klimaatmonitor CBS"
    En het doel van "DH/warmtevraag" voor 2030 is 12

  Regel: Een meting heeft een bron

    Scenario: Een meting met bron wordt vastgelegd
      Als het secretariaat op 2024-12-31 voor "DH/warmtevraag" 12,9 meet uit "Klimaatmonitor CBS 2024"
      Dan wordt dit aanvaard
      En is de laatste meting van "DH/warmtevraag" op 2025-01-31 gelijk aan 12,9

    Scenario: Een meting zonder bron wordt geweigerd
      Als het secretariaat op 2024-12-31 voor "DH/warmtevraag" 12,9 meet zonder bron
      Dan wordt dit geweigerd met "Voor een meting van indicator DH/warmtevraag is een bron nodig."
      En is er niets vastgelegd

  Regel: Een meting of doel staat in de eenheid van de indicator

    Scenario: Een meting in een andere eenheid wordt geweigerd
      Als het secretariaat op 2024-12-31 voor "DH/warmtevraag" 20000 "woningen" meet uit "CBS"
      Dan wordt dit geweigerd met "Indicator DH/warmtevraag wordt gemeten in PJ; een meting in woningen past daar niet bij."
      En is er niets vastgelegd

  Regel: Een doel ligt binnen de looptijd van het programma

    Scenario: Een doel na het einde van het programma wordt geweigerd
      Als het secretariaat het doel van "DH/warmtevraag" voor 2035 op 11 zet
      Dan wordt dit geweigerd met "Programma DH loopt van 1 januari 2024 tot en met 31 december 2030; 2035 valt daarbuiten."
      En is er niets vastgelegd

  Regel: Op koers betekent: minstens zo ver als de rechte lijn van nulmeting naar doel

    Abstract Scenario: Het oordeel over een dalende indicator
      Als het secretariaat op 2024-12-31 voor "DH/warmtevraag" <meting> meet uit "Klimaatmonitor CBS 2024"
      Dan is "DH/warmtevraag" op 2025-01-31 "<oordeel>" met verwachte waarde 12,67

      Voorbeelden:
        | meting | oordeel  |
        | 12,9   | achter   |
        | 12,6   | op koers |

    Scenario: Zonder meting is er geen oordeel
      Dan is "DH/warmtevraag" op 2025-01-31 "geen meting" met verwachte waarde 12,66
