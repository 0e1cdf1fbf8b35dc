"""The OCR path's speed work: recognition batches shared over threads give the same answer in the same order,
a page already read is not OCRed again, and a large phone JPEG is decoded at a reduced size."""

import io
from pathlib import Path

import pytest
from PIL import Image

from apps.ai_assistant import text_layer
from apps.ai_assistant.text_layer import ocr_available

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


class Recorder:
    """Stands in for rapidocr's recogniser: answers each crop with its width, records the batches it was given."""

    rec_batch_num = 6

    def __init__(self):
        self.calls = []

    def __call__(self, img_list, return_word_box=False):
        self.calls.append([img.shape[1] for img in img_list])
        return [(f"w{img.shape[1]}", 0.9, None) for img in img_list], 0.0


def test_batches_shared_over_threads_answer_every_crop_in_its_place():
    import numpy as np

    widths = [130, 40, 700, 55, 300, 90, 41, 620, 250, 75, 33, 480, 160, 95, 210]  # 15 crops, 3 batches of <= 6
    crops = [np.zeros((32, w, 3), dtype=np.uint8) for w in widths]
    recorder = Recorder()
    parallel = text_layer._ParallelRecognizer(recorder, threads=2)
    results, _elapsed = parallel(crops, True)
    assert [text for text, _score, _box in results] == [f"w{w}" for w in widths]
    # the engine's own batches (six crops of similar width each), dealt out to the two threads
    ordered = sorted(widths)
    batches = [ordered[0:6], ordered[6:12], ordered[12:15]]
    assert sorted(recorder.calls) == sorted([batches[0] + batches[2], batches[1]])
    # a page with no more crops than one batch is one call
    recorder.calls.clear()
    assert [t for t, _s, _b in parallel(crops[:5], True)[0]] == [f"w{w}" for w in widths[:5]]
    assert recorder.calls == [widths[:5]]


@pytest.mark.skipif(not ocr_available(), reason="rapidocr-onnxruntime is not installed")
def test_the_engine_is_built_once_with_threads_that_sleep(settings):
    engine = text_layer._ocr_engine()
    assert text_layer._ocr_engine() is engine
    det = engine.text_det.infer.session
    assert det.get_session_options().get_session_config_entry("session.intra_op.allow_spinning") == "0"
    if text_layer.ocr_threads() > 1:
        assert isinstance(engine.text_rec, text_layer._ParallelRecognizer)
        rec = engine.text_rec.recognizer.session.session
        assert rec.get_session_options().intra_op_num_threads == 1


@pytest.mark.skipif(not ocr_available(), reason="rapidocr-onnxruntime is not installed")
def test_the_same_page_is_not_ocred_twice(monkeypatch):
    real = text_layer._ocr_engine()
    calls = []

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(text_layer, "_ocr_engine", lambda: counting)
    text_layer._cache.clear()
    image = Image.open(FIXTURES / "A_scan.png")
    band = image.crop((0, 0, image.width, int(image.height * 0.08)))
    first = text_layer.ocr_image(band)
    assert first.words and len(calls) == 1
    first.words.clear()  # what a caller does with its page does not change the remembered one
    again = text_layer.ocr_image(band.copy())
    assert len(calls) == 1
    assert [w.text for w in again.words] and again.ocr
    other = image.crop((0, int(image.height * 0.08), image.width, int(image.height * 0.12)))
    text_layer.ocr_image(other)
    assert len(calls) == 2


def test_a_large_phone_jpeg_is_decoded_at_a_reduced_size(monkeypatch):
    sizes = []
    monkeypatch.setattr(text_layer, "ocr_image", lambda image: sizes.append(image.size) or text_layer.Page(1, 1))
    photo = Image.new("RGB", (4000, 3000), (230, 230, 225))
    out = io.BytesIO()
    photo.save(out, format="JPEG", quality=80)
    text_layer.image_text_layer(out.getvalue())
    # decoded at 1/2: still above the 1,300 px OCR reads, a quarter of the pixels to decode and resize
    assert sizes == [(2000, 1500)]
    small = io.BytesIO()
    Image.new("RGB", (1200, 900), "white").save(small, format="JPEG")
    sizes.clear()
    text_layer.image_text_layer(small.getvalue())
    assert sizes == [(1200, 900)]


def test_words_glued_by_ocr_are_cut_and_codes_are_not():
    from apps.ai_assistant.text_layer import Word, unglue

    def cut(text):
        return [w.text for w in unglue(Word(text, 0, 10 * len(text), 0, 12))]

    assert cut("PorkSpareRibsStLouis") == ["Pork", "Spare", "Ribs", "St", "Louis"]
    assert cut("BeefRibeyeLip-On112AChoice") == ["Beef", "Ribeye", "Lip-On", "112A", "Choice"]
    assert cut("Brisket120Select") == ["Brisket", "120", "Select"]
    assert cut("PODate") == ["PO", "Date"]
    for code in ("116A", "245C", "P1234", "M1234+P1234", "$8,347.64", "Weight(lb)", "1,137.0", "USDA", "INV-243876"):
        assert cut(code) == [code]
    parts = unglue(Word("NetWt", 100, 150, 0, 12))
    assert [(w.text, w.x0) for w in parts] == [("Net", 100), ("Wt", 130)]  # boxes shared by character count
    assert parts[0].x1 < parts[1].x0


def test_a_gap_inside_a_word_is_glued_back_unless_the_ocr_text_has_a_space():
    import numpy as np

    from apps.ai_assistant.text_layer import _split_words

    ink = np.zeros((20, 100), dtype=bool)
    ink[2:18, 0:30] = True  # "Bee"
    ink[2:18, 37:43] = True  # "f", after a blur gap of 7 px (a word space is ~5 px at this height)

    def boxes(centres):
        return [[[c - 2, 2], [c + 2, 2], [c + 2, 18], [c - 2, 18]] for c in centres]

    words = _split_words("Beef", 0.9, 0, 50, 0, 20, boxes([5, 15, 25, 40]), ink)
    assert [w.text for w in words] == ["Beef"]
    words = _split_words("Bee f", 0.9, 0, 50, 0, 20, boxes([5, 15, 25, 33, 40]), ink)
    assert [w.text for w in words] == ["Bee", "f"]  # the reader saw a space: two words
