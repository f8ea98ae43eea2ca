#include "providers/discogsparser.h"

#include "domain/albumidentity.h"
#include "import/discogscsvreader.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <utility>

namespace aime {

namespace {

constexpr qint64 IntMax = std::numeric_limits<int>::max();
// Beyond 2^53 a JSON number (a double) no longer tells neighbouring ids apart.
constexpr qint64 MaxExactInteger = qint64(1) << 53;

const QLatin1String WebBase("https://www.discogs.com");

enum class Need { Optional, Required };

bool isAsciiDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

bool isAsciiLetter(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z');
}

bool isAsciiDigits(QStringView text)
{
    if (text.isEmpty())
        return false;
    for (const QChar c : text) {
        if (!isAsciiDigit(c))
            return false;
    }
    return true;
}

QString memberPath(QStringView path, QStringView key)
{
    if (path.isEmpty())
        return key.toString();
    return path + QLatin1Char('.') + key;
}

QString elementPath(QStringView path, qsizetype index)
{
    return path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

QLatin1String typeName(QJsonValue::Type type)
{
    switch (type) {
    case QJsonValue::Null:
        return QLatin1String("null");
    case QJsonValue::Bool:
        return QLatin1String("a boolean");
    case QJsonValue::Double:
        return QLatin1String("a number");
    case QJsonValue::String:
        return QLatin1String("a string");
    case QJsonValue::Array:
        return QLatin1String("an array");
    case QJsonValue::Object:
        return QLatin1String("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QLatin1String("missing");
}

// A value quoted in a message, cut short: messages are read by people, and a hostile value can
// be megabytes long.
QString quoted(const QString &value)
{
    constexpr qsizetype Limit = 60;
    if (value.size() <= Limit)
        return QLatin1Char('"') + value + QLatin1Char('"');
    return QLatin1Char('"') + value.left(Limit) + QChar(0x2026) + QLatin1Char('"');
}

// Reads the fields of one response and keeps the first problem it meets. After a failure every
// getter returns an empty value, so a parser reads an item's fields and checks failed() once.
// Paths name where a field sits ("results[3].title") and are only built for a message.
class FieldReader
{
public:
    explicit FieldReader(QLatin1String subject) : m_subject(subject) { }

    bool failed() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }

    void failBody(const QString &problem) { fail(problem); }
    void failMissing(QStringView path)
    {
        fail(QLatin1String("missing \"") + path + QLatin1Char('"'));
    }
    void failValue(QStringView path, const QString &problem)
    {
        fail(QLatin1Char('"') + path + QLatin1String("\" ") + problem);
    }
    void failType(QStringView path, const QJsonValue &value, QJsonValue::Type expected)
    {
        failValue(path,
                  QLatin1String("is ") + typeName(value.type()) + QLatin1String(", expected ")
                      + typeName(expected));
    }

    QString string(const QJsonObject &object, QStringView path, QStringView key,
                   Need need = Need::Optional)
    {
        return member(object, path, key, QJsonValue::String, need).toString();
    }

    // A required string that holds more than white space: an album needs a title and an artist.
    QString text(const QJsonObject &object, QStringView path, QStringView key)
    {
        const QString value = string(object, path, key, Need::Required);
        if (!failed() && value.trimmed().isEmpty())
            failValue(memberPath(path, key), QStringLiteral("is empty"));
        return value;
    }

    QJsonObject object(const QJsonObject &object, QStringView path, QStringView key,
                       Need need = Need::Optional)
    {
        return member(object, path, key, QJsonValue::Object, need).toObject();
    }

    QJsonArray array(const QJsonObject &object, QStringView path, QStringView key,
                     Need need = Need::Optional)
    {
        return member(object, path, key, QJsonValue::Array, need).toArray();
    }

    QJsonObject objectAt(const QJsonArray &array, QStringView arrayPath, qsizetype index)
    {
        if (failed())
            return {};
        const QJsonValue value = array.at(index);
        if (!value.isObject()) {
            failType(elementPath(arrayPath, index), value, QJsonValue::Object);
            return {};
        }
        return value.toObject();
    }

    // An optional array of strings, such as "genres".
    QStringList strings(const QJsonObject &object, QStringView path, QStringView key)
    {
        const QJsonArray values = array(object, path, key);
        QStringList result;
        result.reserve(values.size());
        for (qsizetype i = 0; i < values.size() && !failed(); ++i) {
            const QJsonValue value = values.at(i);
            if (value.isString())
                result.append(value.toString());
            else
                failType(elementPath(memberPath(path, key), i), value, QJsonValue::String);
        }
        return failed() ? QStringList() : result;
    }

    // A whole number in [minimum, maximum]; fallback when optional and absent or null.
    qint64 integer(const QJsonObject &object, QStringView path, QStringView key, Need need,
                   qint64 minimum, qint64 maximum, qint64 fallback = 0)
    {
        const QJsonValue value = member(object, path, key, QJsonValue::Double, need);
        if (failed() || value.isUndefined())
            return fallback;
        const double number = value.toDouble();
        if (std::trunc(number) == number && number >= double(minimum) && number <= double(maximum))
            return value.toInteger();
        const QString expected = maximum == MaxExactInteger
            ? QStringLiteral("expected a whole number of at least %1").arg(minimum)
            : QStringLiteral("expected a whole number from %1 to %2").arg(minimum).arg(maximum);
        failValue(memberPath(path, key),
                  QLatin1String("is ") + QString::number(number, 'g', 15) + QLatin1String(", ")
                      + expected);
        return fallback;
    }

    qint64 id(const QJsonObject &object, QStringView path, QStringView key = u"id")
    {
        return integer(object, path, key, Need::Required, 1, MaxExactInteger);
    }

private:
    // Undefined when the member is optional and absent or null, or when reading failed.
    QJsonValue member(const QJsonObject &object, QStringView path, QStringView key,
                      QJsonValue::Type type, Need need)
    {
        const QJsonValue undefined(QJsonValue::Undefined);
        if (failed())
            return undefined;
        const QJsonValue value = object.value(key);
        if (value.type() == type)
            return value;
        if (need == Need::Required && value.isUndefined()) {
            failMissing(memberPath(path, key));
            return undefined;
        }
        if (need == Need::Optional && (value.isUndefined() || value.isNull()))
            return undefined;
        failType(memberPath(path, key), value, type);
        return undefined;
    }

    void fail(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = m_subject + QLatin1String(": ") + message;
    }

    QLatin1String m_subject;
    QString m_error;
};

std::optional<QJsonObject> bodyObject(const QByteArray &json, FieldReader &reader)
{
    if (json.isEmpty()) {
        reader.failBody(QStringLiteral("the body is empty"));
        return std::nullopt;
    }
    // Qt's parser refuses nesting deeper than 1024 levels, so hostile depth ends here too.
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        reader.failBody(QStringLiteral("the body is not valid JSON (%1 at byte %2)")
                            .arg(parseError.errorString())
                            .arg(parseError.offset));
        return std::nullopt;
    }
    if (!document.isObject()) {
        reader.failBody(document.isArray()
                            ? QStringLiteral("the body is an array, expected an object")
                            : QStringLiteral("the body is not a JSON object"));
        return std::nullopt;
    }
    return document.object();
}

// Discogs pages from 1; the page's offset is what an importer's cursor needs.
bool readPagination(const QJsonObject &body, FieldReader &reader, AlbumListPage *page)
{
    const QJsonObject pagination = reader.object(body, {}, u"pagination", Need::Required);
    const qint64 number
        = reader.integer(pagination, u"pagination", u"page", Need::Required, 1, IntMax);
    const qint64 perPage
        = reader.integer(pagination, u"pagination", u"per_page", Need::Required, 1, IntMax);
    const qint64 items
        = reader.integer(pagination, u"pagination", u"items", Need::Required, 0, IntMax);
    // "urls" holds only the links that apply: no "next" on the last page.
    const QJsonObject urls = reader.object(pagination, u"pagination", u"urls");
    const QString next = reader.string(urls, u"pagination.urls", u"next");
    if (reader.failed())
        return false;

    const qint64 offset = (number - 1) * perPage;
    if (offset > IntMax) {
        reader.failValue(u"pagination.page", QStringLiteral("is too large for its per_page"));
        return false;
    }
    if (!next.isEmpty()) {
        page->next = QUrl(next, QUrl::StrictMode);
        if (!page->next.isValid() || page->next.isRelative()) {
            reader.failValue(u"pagination.urls.next", QStringLiteral("is not an absolute URL"));
            return false;
        }
    }
    page->total = int(items);
    page->offset = int(offset);
    return true;
}

// "1987", "1987-05-00" -> 1987; anything else -> 0.
int yearOf(const QString &date)
{
    if (date.size() < 4 || !isAsciiDigits(QStringView(date).left(4)))
        return 0;
    if (date.size() > 4 && date.at(4) != u'-')
        return 0;
    return QStringView(date).left(4).toInt();
}

QString webUrl(const QString &uri, QLatin1String kind, qint64 id)
{
    // Search results give a path, releases an absolute address.
    if (uri.startsWith(u'/'))
        return WebBase + uri;
    if (!uri.isEmpty())
        return uri;
    return WebBase + QLatin1Char('/') + kind + QLatin1Char('/') + QString::number(id);
}

// Search lists every identifier under "barcode", matrix runouts included, and the store matches
// albums by barcode, so only a value that can be a UPC/EAN is taken (as written, spaces and all).
QString firstPlausibleBarcode(const QStringList &candidates)
{
    for (const QString &candidate : candidates) {
        if (!AlbumIdentity::normalisedBarcode(candidate).isEmpty())
            return candidate;
    }
    return {};
}

QStringList genresAndStyles(const QStringList &genres, const QStringList &styles)
{
    QStringList merged = genres + styles;
    merged.removeDuplicates();
    return merged;
}

struct ArtistCredit
{
    QString display; // suffixes removed
    QString credited; // as Discogs writes it, "Nirvana (2)"
};

QString joinSeparator(const QString &join)
{
    const QString trimmed = join.trimmed();
    if (trimmed.isEmpty() || trimmed == QLatin1String(","))
        return QStringLiteral(", ");
    return QLatin1Char(' ') + trimmed + QLatin1Char(' ');
}

// PROVIDERS.md asks only for the suffix to go; the name rather than the credited variation
// ("anv") is used because the CSV export uses names too, and both must match the same album.
ArtistCredit readArtists(const QJsonObject &object, QStringView path, FieldReader &reader)
{
    const QString artistsPath = memberPath(path, u"artists");
    const QJsonArray artists = reader.array(object, path, u"artists", Need::Required);
    if (!reader.failed() && artists.isEmpty())
        reader.failValue(artistsPath, QStringLiteral("is empty, expected at least one artist"));
    ArtistCredit credit;
    for (qsizetype i = 0; i < artists.size() && !reader.failed(); ++i) {
        const QString artistPath = elementPath(artistsPath, i);
        const QJsonObject artist = reader.objectAt(artists, artistsPath, i);
        const QString name = reader.text(artist, artistPath, u"name");
        const QString join = reader.string(artist, artistPath, u"join");
        credit.display += DiscogsCsvReader::withoutDisambiguation(name);
        credit.credited += name;
        if (i + 1 < artists.size()) {
            const QString separator = joinSeparator(join);
            credit.display += separator;
            credit.credited += separator;
        }
    }
    return reader.failed() ? ArtistCredit() : credit;
}

struct LabelCredit
{
    QString name;
    QString catalogNumber; // Discogs writes "none" when there is none; kept, as the CSV keeps it
};

LabelCredit readFirstLabel(const QJsonObject &object, QStringView path, FieldReader &reader)
{
    const QString labelsPath = memberPath(path, u"labels");
    const QJsonArray labels = reader.array(object, path, u"labels");
    LabelCredit first;
    for (qsizetype i = 0; i < labels.size() && !reader.failed(); ++i) {
        const QString labelPath = elementPath(labelsPath, i);
        const QJsonObject label = reader.objectAt(labels, labelsPath, i);
        const QString name = reader.string(label, labelPath, u"name");
        const QString catalogNumber = reader.string(label, labelPath, u"catno");
        if (i == 0)
            first = {name, catalogNumber};
    }
    return first;
}

// The short forms Discogs' own CSV export writes, so an API import and a CSV import of one
// collection show the same format text. Descriptions not listed are kept as they are.
QString abbreviatedDescription(const QString &description)
{
    static const std::pair<QLatin1String, QLatin1String> abbreviations[] = {
        {QLatin1String("Compilation"), QLatin1String("Comp")},
        {QLatin1String("Reissue"), QLatin1String("RE")},
        {QLatin1String("Repress"), QLatin1String("RP")},
        {QLatin1String("Remastered"), QLatin1String("RM")},
        {QLatin1String("Limited Edition"), QLatin1String("Ltd")},
        {QLatin1String("Numbered"), QLatin1String("Num")},
        {QLatin1String("Unofficial Release"), QLatin1String("Unofficial")},
        {QLatin1String("Test Pressing"), QLatin1String("TP")},
        {QLatin1String("Deluxe Edition"), QLatin1String("Dlx")},
        {QLatin1String("Special Edition"), QLatin1String("S/Edition")},
        {QLatin1String("Club Edition"), QLatin1String("Club")},
        {QLatin1String("Picture Disc"), QLatin1String("Pic")},
        {QLatin1String("Single Sided"), QLatin1String("S/Sided")},
        {QLatin1String("Etched"), QLatin1String("Etch")},
        {QLatin1String("Mini-Album"), QLatin1String("MiniAlbum")},
        {QLatin1String("Maxi-Single"), QLatin1String("Maxi")},
        {QLatin1String("Sampler"), QLatin1String("Smplr")},
        {QLatin1String("Quadraphonic"), QLatin1String("Quad")},
        {QLatin1String("Misprint"), QLatin1String("M/Print")},
        {QLatin1String("Record Store Day"), QLatin1String("RSD")},
        {QLatin1String("Enhanced"), QLatin1String("Enh")},
        {QLatin1String("Copy Protected"), QLatin1String("Copy Prot.")},
        {QLatin1String("Partially Mixed"), QLatin1String("P/Mixed")},
        {QLatin1String("White Label"), QLatin1String("W/Lbl")},
    };
    for (const auto &[full, shortForm] : abbreviations) {
        if (description == full)
            return shortForm;
    }
    return description;
}

// A vinyl record is named by its size ("LP", "12\"") rather than by "Vinyl".
bool isDiscSize(const QString &description)
{
    return description == QLatin1String("LP") || description.endsWith(u'"');
}

// The export leaves out speeds and "Stereo", which say little about which copy this is.
bool isLeftOut(const QString &description)
{
    return description.endsWith(QLatin1String(" RPM")) || description == QLatin1String("Stereo");
}

// {Vinyl, 2, [LP, Album, Reissue]} -> "2xLP, Album, RE".
QString formatSummary(const QString &name, int quantity, QStringList descriptions)
{
    QString medium = name;
    if (name == QLatin1String("Vinyl")) {
        const auto size = std::find_if(descriptions.begin(), descriptions.end(), isDiscSize);
        if (size != descriptions.end()) {
            medium = *size;
            descriptions.erase(size);
        }
    } else if (name == QLatin1String("All Media")) {
        medium.clear();
    } else if (name == QLatin1String("Cassette")) {
        medium = QStringLiteral("Cass");
    } else if (name == QLatin1String("Box Set")) {
        medium = QStringLiteral("Box");
    }
    QStringList parts;
    if (!medium.isEmpty())
        parts.append(quantity > 1 ? QString::number(quantity) + QLatin1Char('x') + medium : medium);
    for (const QString &description : std::as_const(descriptions)) {
        if (!isLeftOut(description))
            parts.append(abbreviatedDescription(description));
    }
    return parts.join(QLatin1String(", "));
}

// "qty" is a string in every documented body; a number is taken too since it means the same.
int readQuantity(const QJsonObject &format, QStringView path, FieldReader &reader)
{
    const QJsonValue value = format.value(u"qty");
    if (value.isDouble())
        return int(reader.integer(format, path, u"qty", Need::Optional, 0, 9999, 1));
    if (value.isString()) {
        bool ok = false;
        const int quantity = value.toString().trimmed().toInt(&ok);
        return ok && quantity > 0 ? quantity : 1;
    }
    if (!value.isUndefined() && !value.isNull())
        reader.failType(memberPath(path, u"qty"), value, QJsonValue::String);
    return 1;
}

// Formats of one release joined as Discogs joins them: "LP, Album + CD, Album".
QString readFormatText(const QJsonObject &object, QStringView path, FieldReader &reader)
{
    const QString formatsPath = memberPath(path, u"formats");
    const QJsonArray formats = reader.array(object, path, u"formats");
    QStringList summaries;
    for (qsizetype i = 0; i < formats.size() && !reader.failed(); ++i) {
        const QString formatPath = elementPath(formatsPath, i);
        const QJsonObject format = reader.objectAt(formats, formatsPath, i);
        const QString name = reader.string(format, formatPath, u"name");
        const int quantity = readQuantity(format, formatPath, reader);
        const QStringList descriptions = reader.strings(format, formatPath, u"descriptions");
        const QString summary = formatSummary(name, quantity, descriptions);
        if (!summary.isEmpty())
            summaries.append(summary);
    }
    return reader.failed() ? QString() : summaries.join(QLatin1String(" + "));
}

// "4:35" or "1:02:03". Discogs durations are typed by people ("4.35", "?"), so anything else
// is an unknown duration, not a broken release.
qint64 durationMs(QStringView text)
{
    const QList<QStringView> parts = text.trimmed().split(u':');
    if (parts.size() < 2 || parts.size() > 3)
        return 0;
    qint64 seconds = 0;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QStringView part = parts.at(i);
        const bool leading = i == 0;
        // Minutes (or hours) take up to four digits; later parts are always two.
        if (!isAsciiDigits(part) || (leading ? part.size() > 4 : part.size() != 2))
            return 0;
        const int value = part.toInt();
        if (!leading && value > 59)
            return 0;
        seconds = seconds * 60 + value;
    }
    return seconds * 1000;
}

// Discogs positions are free text. "A1" is a vinyl side and track, sides pairing into discs (A/B
// disc 1, C/D disc 2); "1-3", "2.5" or "CD2-3" give disc and track; a bare number, an empty or
// an unfamiliar position continues the disc before it. Only an explicit disc-and-track position
// keeps its own number; every other track counts on from the last one on its disc.
class TrackNumbering
{
public:
    void place(const QString &position, Track *track)
    {
        const QStringView text = QStringView(position).trimmed();
        if (const std::optional<DiscPosition> given = discPosition(text)) {
            m_disc = given->disc;
            if (given->track > 0) {
                m_lastOnDisc[m_disc] = given->track;
                track->disc = m_disc;
                track->position = given->track;
                return;
            }
        } else if (const int side = sideIndex(text); side >= 0) {
            m_disc = side / 2 + 1;
        }
        track->disc = m_disc;
        track->position = ++m_lastOnDisc[m_disc];
    }

private:
    struct DiscPosition
    {
        int disc = 1;
        int track = 0; // 0 when the part after the disc is not a plain number ("2-3a")
    };

    static std::optional<DiscPosition> discPosition(QStringView text)
    {
        // A letter prefix needs two letters ("CD1-2"): "A1.2" is a vinyl side, not disc 1.
        qsizetype start = 0;
        while (start < text.size() && isAsciiLetter(text.at(start)))
            ++start;
        if (start == 1)
            return std::nullopt;
        qsizetype separator = start;
        while (separator < text.size() && isAsciiDigit(text.at(separator)))
            ++separator;
        if (separator == start || separator + 1 >= text.size()
            || (text.at(separator) != u'-' && text.at(separator) != u'.'))
            return std::nullopt;
        const QStringView discText = text.mid(start, separator - start);
        const QStringView trackText = text.mid(separator + 1);
        if (discText.size() > 3 || discText.toInt() < 1)
            return std::nullopt;
        const bool numbered = isAsciiDigits(trackText) && trackText.size() <= 4;
        return DiscPosition {discText.toInt(), numbered ? trackText.toInt() : 0};
    }

    // 0 for side A, 1 for B...; -1 when the position is not a side. "AA" is the flip side of a
    // double-A single, on disc 1 like A.
    static int sideIndex(QStringView text)
    {
        if (text.isEmpty() || !isAsciiLetter(text.at(0)))
            return -1;
        const QChar side = text.at(0).toUpper();
        qsizetype next = 1;
        if (next < text.size() && text.at(next).toUpper() == side)
            ++next;
        if (next < text.size() && !isAsciiDigit(text.at(next)))
            return -1;
        return side.unicode() - u'A';
    }

    int m_disc = 1;
    QHash<int, int> m_lastOnDisc;
};

QList<Track> readTracklist(const QJsonObject &release, FieldReader &reader)
{
    const QJsonArray tracklist = reader.array(release, {}, u"tracklist");
    QList<Track> tracks;
    TrackNumbering numbering;
    for (qsizetype i = 0; i < tracklist.size() && !reader.failed(); ++i) {
        const QString entryPath = elementPath(u"tracklist", i);
        const QJsonObject entry = reader.objectAt(tracklist, u"tracklist", i);
        const QString type = reader.string(entry, entryPath, u"type_");
        const QString position = reader.string(entry, entryPath, u"position");
        const QString title = reader.string(entry, entryPath, u"title", Need::Required);
        const QString duration = reader.string(entry, entryPath, u"duration");
        // Headings name a side or a part and index entries group sub-tracks: neither is a track
        // of its own. Older bodies have no type_, and then every entry is a track.
        if (reader.failed() || (!type.isEmpty() && type != QLatin1String("track")))
            continue;
        Track track;
        track.title = title;
        numbering.place(position, &track);
        track.durationMs = durationMs(duration);
        tracks.append(track);
    }
    return reader.failed() ? QList<Track>() : tracks;
}

QString readCoverUrl(const QJsonObject &release, FieldReader &reader)
{
    const QJsonArray images = reader.array(release, {}, u"images");
    QString primary;
    QString first;
    for (qsizetype i = 0; i < images.size() && !reader.failed(); ++i) {
        const QString imagePath = elementPath(u"images", i);
        const QJsonObject image = reader.objectAt(images, u"images", i);
        const QString type = reader.string(image, imagePath, u"type");
        const QString uri = reader.string(image, imagePath, u"uri");
        if (uri.isEmpty())
            continue;
        if (first.isEmpty())
            first = uri;
        if (primary.isEmpty() && type == QLatin1String("primary"))
            primary = uri;
    }
    return primary.isEmpty() ? first : primary;
}

QString readBarcode(const QJsonObject &release, FieldReader &reader)
{
    const QJsonArray identifiers = reader.array(release, {}, u"identifiers");
    QStringList barcodes;
    for (qsizetype i = 0; i < identifiers.size() && !reader.failed(); ++i) {
        const QString identifierPath = elementPath(u"identifiers", i);
        const QJsonObject identifier = reader.objectAt(identifiers, u"identifiers", i);
        const QString type = reader.string(identifier, identifierPath, u"type");
        const QString value = reader.string(identifier, identifierPath, u"value");
        if (type == QLatin1String("Barcode"))
            barcodes.append(value);
    }
    return firstPlausibleBarcode(barcodes);
}

void keepCreditedArtist(const Album &album, const QString &credited, SourceRef *source)
{
    if (credited != album.artist)
        source->extra.insert(QStringLiteral("Artist"), credited);
}

// The fields a full release and a collection item's basic_information share; returns the id.
qint64 readReleaseBasics(const QJsonObject &object, QStringView path, FieldReader &reader,
                         Album *album, SourceRef *source)
{
    const qint64 id = reader.id(object, path);
    album->title = reader.text(object, path, u"title");
    const ArtistCredit credit = readArtists(object, path, reader);
    album->artist = credit.display;
    album->year = int(reader.integer(object, path, u"year", Need::Optional, 0, 9999));
    const LabelCredit label = readFirstLabel(object, path, reader);
    album->label = label.name;
    album->format = readFormatText(object, path, reader);
    album->genres = genresAndStyles(reader.strings(object, path, u"genres"),
                                    reader.strings(object, path, u"styles"));

    source->provider = QStringLiteral("discogs");
    source->externalId = QString::number(id);
    source->label = label.name;
    source->catalogNumber = label.catalogNumber;
    source->format = album->format;
    keepCreditedArtist(*album, credit.credited, source);
    return id;
}

std::optional<Album> readSearchResult(const QJsonObject &result, QStringView path,
                                      FieldReader &reader)
{
    const QString type = reader.string(result, path, u"type");
    const bool master = type == QLatin1String("master");
    if (!reader.failed() && !type.isEmpty() && !master && type != QLatin1String("release"))
        reader.failValue(
            memberPath(path, u"type"),
            QStringLiteral("is %1, expected \"release\" or \"master\"").arg(quoted(type)));
    const qint64 id = reader.id(result, path);
    const QString combined = reader.text(result, path, u"title");
    const qsizetype separator = combined.indexOf(QLatin1String(" - "));
    if (!reader.failed() && (separator <= 0 || separator + 3 >= combined.size()))
        reader.failValue(
            memberPath(path, u"title"),
            QStringLiteral("is %1, expected \"Artist - Title\"").arg(quoted(combined)));
    const QString year = reader.string(result, path, u"year");

    // "formats" (structured) is in current bodies; older ones only have the flat "format" list.
    QString format;
    if (result.contains(u"formats")) {
        format = readFormatText(result, path, reader);
    } else {
        const QStringList flat = reader.strings(result, path, u"format");
        const int quantity
            = int(reader.integer(result, path, u"format_quantity", Need::Optional, 0, 9999, 1));
        if (!flat.isEmpty())
            format = formatSummary(flat.first(), quantity, flat.mid(1));
    }
    const QStringList labels = reader.strings(result, path, u"label");
    const QString catalogNumber = reader.string(result, path, u"catno");
    const QString barcode = firstPlausibleBarcode(reader.strings(result, path, u"barcode"));
    const QStringList genres = genresAndStyles(reader.strings(result, path, u"genre"),
                                               reader.strings(result, path, u"style"));
    const QString coverImage = reader.string(result, path, u"cover_image");
    const QString thumb = reader.string(result, path, u"thumb");
    const QString uri = reader.string(result, path, u"uri");
    if (reader.failed())
        return std::nullopt;

    const QString credited = combined.left(separator);
    Album album;
    album.artist = DiscogsCsvReader::withoutDisambiguation(credited);
    album.title = combined.mid(separator + 3);
    album.year = yearOf(year);
    album.label = labels.value(0);
    album.genres = genres;
    album.barcode = barcode;
    album.format = format;
    album.coverUrl = coverImage.isEmpty() ? thumb : coverImage;

    SourceRef source;
    source.provider = QStringLiteral("discogs");
    source.externalId = QString::number(id);
    if (master)
        source.externalId.prepend(u'm');
    source.url = webUrl(uri, master ? QLatin1String("master") : QLatin1String("release"), id);
    source.format = format;
    source.barcode = barcode;
    source.label = album.label;
    source.catalogNumber = catalogNumber;
    keepCreditedArtist(album, credited, &source);
    album.sources = {source};
    return album;
}

std::optional<Album> readCollectionItem(const QJsonObject &item, QStringView path,
                                        FieldReader &reader)
{
    const QString infoPath = memberPath(path, u"basic_information");
    const QJsonObject info = reader.object(item, path, u"basic_information", Need::Required);
    Album album;
    SourceRef source;
    const qint64 id = readReleaseBasics(info, infoPath, reader, &album, &source);
    const QString coverImage = reader.string(info, infoPath, u"cover_image");
    const QString thumb = reader.string(info, infoPath, u"thumb");

    // -1: absent, so nothing is kept for it.
    const qint64 instanceId
        = reader.integer(item, path, u"instance_id", Need::Optional, 1, MaxExactInteger, -1);
    const qint64 folderId
        = reader.integer(item, path, u"folder_id", Need::Optional, 0, MaxExactInteger, -1);
    const qint64 rating = reader.integer(item, path, u"rating", Need::Optional, 0, 5);
    const QString dateAdded = reader.string(item, path, u"date_added");
    QDateTime addedAt;
    if (!reader.failed() && !dateAdded.isEmpty()) {
        // Machine-written, unlike durations, so a date that does not parse is a broken body. A
        // date without an offset would be read as local time and differ from machine to machine.
        addedAt = QDateTime::fromString(dateAdded, Qt::ISODate);
        if (!addedAt.isValid() || addedAt.timeSpec() == Qt::LocalTime)
            reader.failValue(memberPath(path, u"date_added"),
                             QStringLiteral("is %1, expected an ISO 8601 date with an offset")
                                 .arg(quoted(dateAdded)));
    }
    if (reader.failed())
        return std::nullopt;

    album.coverUrl = coverImage.isEmpty() ? thumb : coverImage;
    source.url = webUrl({}, QLatin1String("release"), id);
    source.rating = int(rating);
    source.addedAt = addedAt.toUTC();
    // Folder names need another request; folder 1 is "Uncategorized" for every user.
    if (folderId == 1)
        source.folder = QStringLiteral("Uncategorized");
    if (instanceId >= 0)
        source.extra.insert(QStringLiteral("instance_id"), QString::number(instanceId));
    if (folderId >= 0)
        source.extra.insert(QStringLiteral("folder_id"), QString::number(folderId));
    album.sources = {source};
    return album;
}

using ItemReader = std::optional<Album> (*)(const QJsonObject &, QStringView, FieldReader &);

ParseResult<AlbumListPage> readAlbumListPage(const QByteArray &json, QLatin1String subject,
                                             QStringView listKey, ItemReader readItem)
{
    FieldReader reader(subject);
    const std::optional<QJsonObject> body = bodyObject(json, reader);
    if (!body)
        return ParseResult<AlbumListPage>::failure(reader.error());
    AlbumListPage page;
    const QJsonArray items = reader.array(*body, {}, listKey, Need::Required);
    if (!readPagination(*body, reader, &page))
        return ParseResult<AlbumListPage>::failure(reader.error());
    page.albums.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString itemPath = elementPath(listKey, i);
        const QJsonObject item = reader.objectAt(items, listKey, i);
        std::optional<Album> album = readItem(item, itemPath, reader);
        if (!album)
            return ParseResult<AlbumListPage>::failure(reader.error());
        page.albums.append(std::move(*album));
    }
    return ParseResult<AlbumListPage>::success(std::move(page));
}

} // namespace

ParseResult<AlbumListPage> DiscogsParser::search(const QByteArray &json)
{
    return readAlbumListPage(json, QLatin1String("Discogs search"), u"results", readSearchResult);
}

ParseResult<Album> DiscogsParser::release(const QByteArray &json)
{
    FieldReader reader(QLatin1String("Discogs release"));
    const std::optional<QJsonObject> body = bodyObject(json, reader);
    if (!body)
        return ParseResult<Album>::failure(reader.error());

    Album album;
    SourceRef source;
    const qint64 id = readReleaseBasics(*body, {}, reader, &album, &source);
    const QString released = reader.string(*body, {}, u"released");
    const QString uri = reader.string(*body, {}, u"uri");
    album.barcode = readBarcode(*body, reader);
    album.tracks = readTracklist(*body, reader);
    album.coverUrl = readCoverUrl(*body, reader);
    if (reader.failed())
        return ParseResult<Album>::failure(reader.error());

    // "released" may be "1987-05-00" (month or day unknown) or just "1996"; "year" may be 0.
    album.releaseDate = released;
    if (album.year == 0)
        album.year = yearOf(released);
    album.trackCount = int(album.tracks.size());
    source.url = webUrl(uri, QLatin1String("release"), id);
    source.barcode = album.barcode;
    album.sources = {source};
    return ParseResult<Album>::success(std::move(album));
}

ParseResult<AlbumListPage> DiscogsParser::collectionPage(const QByteArray &json)
{
    return readAlbumListPage(json, QLatin1String("Discogs collection"), u"releases",
                             readCollectionItem);
}

ParseResult<DiscogsIdentity> DiscogsParser::identity(const QByteArray &json)
{
    FieldReader reader(QLatin1String("Discogs identity"));
    const std::optional<QJsonObject> body = bodyObject(json, reader);
    if (!body)
        return ParseResult<DiscogsIdentity>::failure(reader.error());
    DiscogsIdentity identity;
    identity.id = reader.id(*body, {});
    identity.username = reader.text(*body, {}, u"username");
    identity.resourceUrl = reader.string(*body, {}, u"resource_url");
    if (reader.failed())
        return ParseResult<DiscogsIdentity>::failure(reader.error());
    return ParseResult<DiscogsIdentity>::success(std::move(identity));
}

QString DiscogsParser::errorMessage(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return {};
    return document.object().value(u"message").toString();
}

} // namespace aime
