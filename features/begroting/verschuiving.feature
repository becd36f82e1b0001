# language: nl
Functionaliteit: Begrotingswijzigingen (verschuivingen)
  Budget verschuift tussen werkstromen of jaren alleen op een besluit dat in werking is, van een
  orgaan waarvan het mandaat in het programma het bedrag dekt. Een verschuiving verplaatst geld; zij
  maakt het nooit aan: de bron moet de ruimte hebben die niet gereserveerd en niet besteed is.

  Achtergrond:
    Gegeven de overeenkomst "WRL-SOK" tussen de zes gemeenten
    En het programma "WRL" onder overeenkomst "WRL-SOK" van 2021-09-01 tot 2022-12-31 met mandaten "programmamanager:25000, pho:250000, college:unlimited"
    En programma "WRL" heeft werkstroom "WS1" "Energiesysteem"
    En programma "WRL" heeft werkstroom "WS2" "Warmtetransitie"
    En op 2021-10-05 is "200k" toegewezen aan "WS1" voor 2021
    En op 2021-10-05 is "400k" toegewezen aan "WS1" voor 2022
    En op 2021-10-05 is "100k" toegewezen aan "WS2" voor 2021
    En besluit "PM-1" van "programmamanager:WRL" op 2021-12-01
    En het PHO-besluit "PHO-2" van 2021-12-09 met deelnemers "GM0546, GM0547"

  Regel: Een verschuiving rust op een besluit dat in werking is

    Scenario: Een verschuiving binnen het mandaat van de programmamanager
      Als het secretariaat op 2021-12-02 "20k" verschuift van "WS1" 2021 naar "WS2" 2021 op besluit "PM-1"
      Dan wordt dit aanvaard
      En is de vrije ruimte van "WS1" 2021 op 2021-12-31 "€ 180.000"
      En is de vrije ruimte van "WS2" 2021 op 2021-12-31 "€ 120.000"

    Scenario: Een verschuiving zonder besluit wordt geweigerd
      Als het secretariaat op 2021-12-02 "20k" verschuift van "WS1" 2021 naar "WS2" 2021 op besluit ""
      Dan wordt dit geweigerd met "is een besluit als grondslag nodig"
      En is er niets vastgelegd

    Scenario: Een verschuiving op een onbekend besluit wordt geweigerd
      Als het secretariaat op 2021-12-02 "20k" verschuift van "WS1" 2021 naar "WS2" 2021 op besluit "PM-99"
      Dan wordt dit geweigerd met "het grootboek kent dit besluit niet"
      En is er niets vastgelegd

    Scenario: Een verschuiving op een PHO-besluit dat nog niet door alle colleges is bekrachtigd wordt geweigerd
      Gegeven "GM0546" heeft besluit "PHO-2" bekrachtigd op 2021-12-14
      Als het secretariaat op 2021-12-15 "50k" verschuift van "WS1" 2021 naar "WS1" 2022 op besluit "PHO-2"
      Dan wordt dit geweigerd met "het college van GM0547 heeft het niet bekrachtigd"
      En is er niets vastgelegd

    Scenario: Een verschuiving van vóór het besluit wordt geweigerd
      Als het secretariaat op 2021-11-15 "20k" verschuift van "WS1" 2021 naar "WS2" 2021 op besluit "PM-1"
      Dan wordt dit geweigerd met "het is pas op 1 december 2021 genomen"
      En is er niets vastgelegd

  Regel: Het mandaat van het orgaan dekt het bedrag

    Scenario: De programmamanager mag geen € 50.000 verschuiven
      Als het secretariaat op 2021-12-02 "50k" verschuift van "WS1" 2021 naar "WS1" 2022 op besluit "PM-1"
      Dan wordt dit geweigerd met "het mandaat van programmamanager in programma WRL reikt tot € 25.000"
      En is er niets vastgelegd

    Scenario: Het PHO mag € 50.000 verschuiven zodra alle colleges hebben bekrachtigd
      Gegeven "GM0546" heeft besluit "PHO-2" bekrachtigd op 2021-12-14
      En "GM0547" heeft besluit "PHO-2" bekrachtigd op 2021-12-14
      Als het secretariaat op 2021-12-15 "50k" verschuift van "WS1" 2021 naar "WS1" 2022 op besluit "PHO-2"
      Dan wordt dit aanvaard
      En toont het financieel overzicht van "WRL" voor 2021 op 2021-12-31:
        | werkstroom | totaal begroot | begroot   | benut | budget volgend jaar | reservering |
        | WS1        | € 600.000      | € 200.000 | € 0   | € 450.000           | € 0         |
        | WS2        | € 100.000      | € 100.000 | € 0   | € 0                 | € 0         |
        | totaal     | € 700.000      | € 300.000 | € 0   | € 450.000           | € 0         |

    Scenario: Een orgaan zonder mandaat in het programma wordt geweigerd
      Gegeven besluit "RG-1" van "regiegroep:WRL" op 2021-12-01
      Als het secretariaat op 2021-12-02 "10k" verschuift van "WS1" 2021 naar "WS2" 2021 op besluit "RG-1"
      Dan wordt dit geweigerd met "regiegroep:WRL heeft in programma WRL geen mandaat voor verschuivingen in de begroting"
      En is er niets vastgelegd

  Regel: Een verschuiving verplaatst geld en maakt het nooit aan

    Scenario: Meer verschuiven dan de bron vrij heeft wordt geweigerd
      Gegeven op 2021-10-06 is "90k" gereserveerd op "WS2" 2021 als "R1"
      Als het secretariaat op 2021-12-02 "20k" verschuift van "WS2" 2021 naar "WS1" 2021 op besluit "PM-1"
      Dan wordt dit geweigerd met "heeft per 2 december 2021 € 10.000 vrij (niet gereserveerd en niet besteed), niet € 20.000"
      En is er niets vastgelegd

    Scenario: Een verschuiving met terugwerkende kracht die later tekort geeft wordt geweigerd
      Gegeven besluit "PM-0" van "programmamanager:WRL" op 2021-10-05
      En op 2021-11-20 is "90k" gereserveerd op "WS2" 2021 als "R1"
      Als het secretariaat op 2021-10-10 "20k" verschuift van "WS2" 2021 naar "WS1" 2021 op besluit "PM-0"
      Dan wordt dit geweigerd met "zou op 20 november 2021 een tekort van € 10.000 geven"
      En is er niets vastgelegd

    Scenario: Een verschuiving laat het totaal van het programma gelijk
      Als het secretariaat op 2021-12-02 "20k" verschuift van "WS1" 2021 naar "WS2" 2021 op besluit "PM-1"
      Dan is het totaal begroot van "WRL" op 2021-12-31 "€ 700.000"

    Scenario: Een verschuiving naar dezelfde regel wordt geweigerd
      Als het secretariaat op 2021-12-02 "20k" verschuift van "WS1" 2021 naar "WS1" 2021 op besluit "PM-1"
      Dan wordt dit geweigerd met "naar zichzelf verschuift niets"
      En is er niets vastgelegd
