#!/usr/bin/env python3
"""Writes the docxtemplater template of the benchmark report (standard library only).

    make_docx_template.py OUT.docx

The template is what a clerk would make in Word for the report of
bench/resources/templates/bench-report.xml: A4, margins 20/20/30/15 mm, Times New Roman 14 pt
(LibreOffice prints it with the metric-compatible Liberation Serif 2, the font every other tool
gets), body justified with a 1 cm first-line indent and 6 pt after, single line spacing, widow
control; the ND30 header block and the signature as borderless tables, rules as paragraph
borders; the criteria table with a repeated header row and rows that never split; the signature
row kept in one piece; page numbers centred in the header from page 2 on.

Tags (docxtemplater, paragraphLoop + linebreaks): {parent} {agency} {number} {place_date}
{doc_type} {summary} {addressee}, section loops {#before}…{/before} and {#after}…{/after} over
{h} (heading, may be null) and {#p}{.}{/p} (paragraphs), the table row loop {#rows}…{/rows},
{recipients_label}, {#recipients}{.}{/recipients}, {authority}, {signer}.
"""

import sys
import zipfile
from xml.sax.saxutils import escape

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
TEXT_W = 11906 - 1701 - 850  # twips: A4 width minus left 30 mm and right 15 mm


def run(text, bold=False, italic=False, size=None):
    rpr = ""
    if bold:
        rpr += "<w:b/>"
    if italic:
        rpr += "<w:i/>"
    if size:
        rpr += '<w:sz w:val="%d"/><w:szCs w:val="%d"/>' % (size * 2, size * 2)
    return '<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (
        "<w:rPr>%s</w:rPr>" % rpr if rpr else "", escape(text))


def para(content="", style=None, extra=""):
    ppr = ('<w:pStyle w:val="%s"/>' % style if style else "") + extra
    return "<w:p>%s%s</w:p>" % ("<w:pPr>%s</w:pPr>" % ppr if ppr else "", content)


def rule(indent):
    """A short horizontal rule: an empty 2 pt paragraph with a bottom border, `indent` twips in
    from each side of its cell."""
    return para("", "Center", '<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:pBdr>'
                '<w:spacing w:after="120" w:line="40" w:lineRule="exact"/>'
                '<w:ind w:left="%d" w:right="%d"/><w:rPr><w:sz w:val="4"/></w:rPr>' % (indent, indent))


def cell(width, content, valign="top", margins=None):
    mar = ""
    if margins:
        mar = "<w:tcMar>%s</w:tcMar>" % "".join(
            '<w:%s w:w="%d" w:type="dxa"/>' % (side, v) for side, v in margins)
    return '<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>%s<w:vAlign w:val="%s"/></w:tcPr>%s</w:tc>' % (
        width, mar, valign, content)


def table(widths, rows, borders):
    b = "single" if borders else "nil"
    bd = "".join('<w:%s w:val="%s" w:sz="4" w:space="0" w:color="000000"/>' % (s, b)
                 for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    pad = 80 if borders else 0  # 4 pt left/right in the criteria table
    return ('<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:tblBorders>%s</w:tblBorders>'
            '<w:tblLayout w:val="fixed"/><w:tblCellMar><w:left w:w="%d" w:type="dxa"/>'
            '<w:right w:w="%d" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>%s</w:tblGrid>%s</w:tbl>') % (
        sum(widths), bd, pad, pad, "".join('<w:gridCol w:w="%d"/>' % w for w in widths), "".join(rows))


def row(cells, header=False):
    return "<w:tr><w:trPr><w:cantSplit/>%s</w:trPr>%s</w:tr>" % ("<w:tblHeader/>" if header else "", "".join(cells))


def section_loop(name):
    return [para(run("{#%s}" % name)), para(run("{#h}")), para(run("{h}"), "Heading"), para(run("{/h}")),
            para(run("{#p}")), para(run("{.}")), para(run("{/p}")), para(run("{/%s}" % name))]


def document():
    body = []
    # ND30 header block: 40 % | 60 %.
    lw = TEXT_W * 40 // 100
    rw = TEXT_W - lw
    body.append(table([lw, rw], [
        row([cell(lw, para(run("{parent}", size=12), "Center") + para(run("{agency}", bold=True, size=12), "Center")
                  + rule(lw * 3 // 10)),
             cell(rw, para(run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12), "Center")
                  + para(run("Độc lập - Tự do - Hạnh phúc", bold=True, size=13), "Center")
                  + rule(rw * 22 // 100))]),
        row([cell(lw, para(run("{number}", size=13), "Center")),
             cell(rw, para(run("{place_date}", italic=True), "Center"))]),
    ], borders=False))
    # Title, trích yếu, rule; Kính gửi.
    body.append(para(run("{doc_type}", bold=True), "Center", '<w:keepNext/><w:spacing w:before="240" w:after="0"/>'))
    body.append(para(run("{summary}", bold=True), "Center", "<w:keepNext/>"))
    body.append(rule(TEXT_W * 32 // 100).replace("<w:pPr>", "<w:pPr><w:keepNext/>", 1)
                .replace('w:after="120"', 'w:after="240"'))
    body.append(para(run("Kính gửi: {addressee}"), "Center", '<w:spacing w:after="120"/>'))
    body += section_loop("before")
    # Criteria table: 6 | 42 | 18 | 20 | 14.
    rel = [6, 42, 18, 20, 14]
    widths = [TEXT_W * c // 100 for c in rel]
    widths[1] += TEXT_W - sum(widths)
    heads = ["TT", "Chỉ tiêu", "Yêu cầu", "Kết quả", "Đánh giá"]
    header = row([cell(w, para(run(h, bold=True), "TableCenter"), "center") for w, h in zip(widths, heads)], header=True)
    tags = [("{#rows}{tt}", "TableCenter"), ("{name}", "TableText"), ("{req}", "TableCenter"),
            ("{value}", "TableCenter"), ("{result}{/rows}", "TableCenter")]
    data = row([cell(w, para(run(t), s), "center") for w, (t, s) in zip(widths, tags)])
    body.append(table(widths, [header, data], borders=True))
    body.append(para("", "TableAfter"))
    body += section_loop("after")
    # Signature (right) and Nơi nhận (left), one row that never splits.
    lw = TEXT_W * 45 // 100
    rw = TEXT_W - lw
    left = (para(run("{recipients_label}", bold=True, italic=True, size=12), "Recipients")
            + para(run("{#recipients}"), "Recipients") + para(run("{.}", size=11), "Recipients")
            + para(run("{/recipients}"), "Recipients"))
    right = (para(run("{authority}", bold=True), "Center")
             + para(run("{signer}", bold=True), "Center", '<w:spacing w:before="1600"/>'))
    body.append(table([lw, rw], [row([cell(lw, left), cell(rw, right)])], borders=False))
    sect = ('<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/>'
            '<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>'
            '<w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/>'
            '<w:titlePg/></w:sectPr>')
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document %s><w:body>%s%s</w:body></w:document>' % (
        W, "".join(body), sect)


STYLES = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles %s>
 <w:docDefaults>
  <w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>
   <w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault>
  <w:pPrDefault><w:pPr><w:widowControl/><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>
 </w:docDefaults>
 <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>
  <w:pPr><w:spacing w:after="120"/><w:ind w:firstLine="567"/><w:jc w:val="both"/></w:pPr></w:style>
 <w:style w:type="paragraph" w:styleId="Heading"><w:name w:val="Bench Heading"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
 <w:style w:type="paragraph" w:styleId="Center"><w:name w:val="Center"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:spacing w:after="0"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr></w:style>
 <w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:spacing w:before="40" w:after="40"/><w:ind w:firstLine="0"/><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style>
 <w:style w:type="paragraph" w:styleId="TableCenter"><w:name w:val="Table Center"/><w:basedOn w:val="TableText"/>
  <w:pPr><w:jc w:val="center"/></w:pPr></w:style>
 <w:style w:type="paragraph" w:styleId="TableAfter"><w:name w:val="Table After"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:spacing w:after="0" w:line="120" w:lineRule="exact"/></w:pPr></w:style>
 <w:style w:type="paragraph" w:styleId="Recipients"><w:name w:val="Recipients"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:spacing w:after="0"/><w:ind w:firstLine="0"/><w:jc w:val="left"/></w:pPr></w:style>
 <w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Center"/></w:style>
</w:styles>''' % W

HEADER = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr %s><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>'
          '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
          '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
          '</w:p></w:hdr>') % W
HEADER_FIRST = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr %s><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr></w:p></w:hdr>' % W

CONTENT_TYPES = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
 <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
 <Default Extension="xml" ContentType="application/xml"/>
 <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
 <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
 <Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
 <Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
</Types>'''
RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
 <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>'''
DOC_RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
 <Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
 <Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
 <Relationship Id="rIdHeaderFirst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>
</Relationships>'''


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_docx_template.py OUT.docx")
    with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/document.xml", document())
        z.writestr("word/styles.xml", STYLES)
        z.writestr("word/header1.xml", HEADER)
        z.writestr("word/header2.xml", HEADER_FIRST)


if __name__ == "__main__":
    main()
