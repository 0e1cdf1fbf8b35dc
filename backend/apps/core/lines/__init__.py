"""Order lines, once: the priced line every order document carries (purchase, sales and invoice lines), its
input serializer and the one service that writes a document's lines.

- `models`: the abstract `PricedLine` (product, description, protein, fresh/frozen, boxes, unit price, price unit,
  line total, the constraints and the quantity rule) and `CatchWeightLine` (estimated and actual weights).
- `serializers`: `LineSerializer`, the nested read/write shape (kg -> lb on input, product code, protein by code).
- `services`: `write_lines(...)`, the full-list sync (ids update, new lines added, missing ones removed) with product
  defaults, the quantity rule, the workflow's edit check per field, pricing and the change list for the timeline.
"""
