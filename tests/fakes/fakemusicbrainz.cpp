#include "fakemusicbrainz.h"

#include "fakedice.h"

#include <QByteArrayList>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>

#include <algorithm>
#include <climits>
#include <optional>
#include <utility>

namespace aime::fakes {

namespace {

// The catalogue is a pure function of the album's index and these seeds: no clock, no qHash (its
// seed changes per process), no global random generator.
constexpr quint64 CatalogueSeed = 0x41494d45'4d425a31; // "AIMEMBZ1"
constexpr quint64 IdSeed = 0x6d62'6964'7365'6564; // "mbidseed"
constexpr quint64 ReleaseCountSalt = 0x72656c73; // "rels"
constexpr quint64 CoverSalt = 0x636f7672; // "covr"
constexpr quint64 ReleaseSalt = 0x72656c65; // "rele"
constexpr quint64 TrackSalt = 0x7472616b; // "trak"

// What the MBIDs encode, so a release group's id is never read as a release's.
enum IdKind : quint64 { ReleaseGroupKind = 0x47, ReleaseKind = 0x52 };

const char *const Help = "For usage, please see: https://musicbrainz.org/development/mmd";
const char *const Created = "2026-05-01T10:00:00.000Z"; // fixed, so bodies compare across runs

const char *const FirstNames[]
    = {"Agnes",  "Bruno", "Céline", "Dario", "Emil",   "Freya", "Gustav", "Hana",
       "Ivo",    "Jana",  "Kofi",   "Liv",   "Marek",  "Nadia", "Oskar",  "Paula",
       "Rafael", "Signe", "Tomás",  "Ulla",  "Viktor", "Wanda", "Yann",   "Zoë"};
const char *const Syllables[]
    = {"al",  "ber", "cam", "dor", "el",   "fin", "gal", "hen", "is", "jor", "kel", "lin",
       "mar", "nor", "os",  "per", "quil", "ron", "sal", "tam", "ul", "ven", "wil", "zor"};
const char *const Adjectives[]
    = {"Amber", "Bright", "Cold",   "Dark",       "Early",   "Faded", "Green", "High",
       "Iron",  "Lost",   "Low",    "Modern",     "New",     "Open",  "Pale",  "Quiet",
       "Blue",  "Secret", "Silent", "Électrique", "Strange", "True",  "Warm",  "Young"};
const char *const Nouns[]
    = {"Afternoons", "Birds", "Cities",  "Colours", "Days",  "Fields",  "Fires", "Ghosts",
       "Hearts",     "Hills", "Lights",  "Lines",   "Maps",  "Nights",  "Rooms", "Seasons",
       "Songs",      "Stars", "Streets", "Summers", "Waves", "Winters", "Words", "Years"};
// Titles with characters Lucene reads as syntax, so clients must escape them (1 album in 8).
const char *const OddTitles[] = {"%1 & %2", "%2?",     "%1/%1", "%2: Live", "(%1 %2)",
                                 "%2!",     "%1 - %2", "[%2]",  "%1 + %2",  "\"%2\""};
const char *const Joins[] = {" & ", " feat. ", " and ", " with "};

struct Country
{
    const char *code;
    const char *name;
    const char *areaId;
};
const Country Countries[] = {
    {"GB", "United Kingdom", "8a754a16-0027-3a29-b6d7-2b40ea0481ed"},
    {"US", "United States", "489ce91b-6658-3307-9877-795b68554c98"},
    {"DE", "Germany", "85752fda-13c4-31a3-bee5-0e5cb1f51dad"},
    {"FR", "France", "08310658-51eb-3801-80de-5a0739207115"},
    {"JP", "Japan", "2db42837-c832-3c27-b4a3-08198f75693c"},
    {"NL", "Netherlands", "ef1b7cc0-cd26-36f4-8ea0-04d9623786c7"},
    {"XE", "Europe", "89a675c2-3e37-3518-b83c-418bad59a85a"},
};
const char *const Labels[] = {"Fernhill Records", "Glasshouse",   "Kestrel Music", "Low Tide",
                              "Marrow",           "Northern Arc", "Osprey Sound",  "Quarry",
                              "Rookery",          "Slate & Ash",  "Tinderbox",     "Wolfram"};
struct Packaging
{
    const char *name;
    const char *id;
};
const Packaging Packagings[] = {
    {"Jewel Case", "ec27701a-4a22-37f4-bfac-6616e0f9750a"},
    {"Digipak", "8f931351-d2e2-310f-afc6-37b89ddba246"},
    {"Cardboard/Paper Sleeve", "f7101ce3-0384-39ce-9fde-fbbd0044d35f"},
};

const char *const AlbumTypeId = "f529b476-6e62-324f-b0aa-1f3e33d313fc";
const char *const SingleTypeId = "d6038452-8ee0-3f68-affc-2de9a1ede0b9";
const char *const EpTypeId = "6d0c5bf6-7a33-3420-a519-44fc63eedebf";
const char *const LiveTypeId = "6fd474e2-6b58-3102-9d17-d6f7eb7da0a0";
const char *const CompilationTypeId = "dd2a21e1-0c00-3729-a7a0-de60b84eb5d1";
const char *const OfficialId = "4e304316-386d-3409-af2e-78857eec5cfe";
const char *const PromotionId = "518ffc83-5cde-34df-8627-81bff5093d92";
const char *const BootlegId = "1156806e-d06a-38bd-83f0-cf2284a808b9";
const char *const CdFormatId = "9712d52a-4509-3d4b-a1a2-67c88c643e31";
const char *const VinylFormatId = "3e9080b0-5e6c-34ab-bd15-f526b6306a64";
const char *const DigitalFormatId = "907a28d9-b3b2-3ef6-89a8-7b18d91d4794";

// The inc values MusicBrainz knows for each resource, space-separated; anything else is a 400.
const char *const ReleaseIncs
    = "artists artist-credits labels recordings release-groups media discids isrcs aliases "
      "annotation tags genres ratings user-tags user-genres user-ratings collections artist-rels "
      "label-rels recording-rels release-rels release-group-rels url-rels work-rels area-rels "
      "recording-level-rels work-level-rels series-rels place-rels event-rels";
const char *const ReleaseGroupIncs
    = "artists artist-credits releases aliases annotation tags genres ratings user-tags "
      "user-genres user-ratings artist-rels release-group-rels url-rels series-rels";

QString text(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

// Dice::mix is a bijection; unmix() below undoes it, which lets an MBID carry the index it
// was made from.
constexpr quint64 GoldenGamma = Dice::GoldenGamma;
constexpr quint64 MixMul1 = Dice::MixMul1;
constexpr quint64 MixMul2 = Dice::MixMul2;

// The inverse of an odd number modulo 2^64 (Newton's iteration doubles the good bits each step).
constexpr quint64 inverseOf(quint64 odd)
{
    quint64 inverse = odd;
    for (int i = 0; i < 6; ++i)
        inverse *= 2 - odd * inverse;
    return inverse;
}
static_assert(inverseOf(MixMul1) * MixMul1 == 1 && inverseOf(MixMul2) * MixMul2 == 1);

constexpr quint64 unshift(quint64 y, int shift)
{
    quint64 x = y;
    for (int bits = shift; bits < 64; bits += shift)
        x = y ^ (x >> shift);
    return x;
}

constexpr quint64 unmix(quint64 x)
{
    x = unshift(x, 31) * inverseOf(MixMul2);
    x = unshift(x, 27) * inverseOf(MixMul1);
    return unshift(x, 30) - GoldenGamma;
}
static_assert(unmix(Dice::mix(0x1234'5678'9abc'def0)) == 0x1234'5678'9abc'def0);

// A version 4 UUID whose first 16 free hex digits are `carried` and the rest come from `filler`:
// digit 12 is the version, digit 16 the variant (8, 9, a or b).
QString uuidOf(quint64 carried, quint64 filler)
{
    static const char Hex[] = "0123456789abcdef";
    char digits[32];
    int next = 0;
    for (int i = 0; i < 32; ++i) {
        if (i == 12) {
            digits[i] = '4';
        } else if (i == 16) {
            digits[i] = Hex[8 | (filler & 3)];
            filler >>= 2;
        } else if (next < 16) {
            digits[i] = Hex[(carried >> (60 - 4 * next)) & 0xf];
            ++next;
        } else {
            digits[i] = Hex[filler & 0xf];
            filler >>= 4;
        }
    }
    QString uuid = QString::fromLatin1(digits, 32);
    for (const int at : {20, 16, 12, 8})
        uuid.insert(at, u'-');
    return uuid;
}

// The 16 carried hex digits back out of a lowercase MBID; nullopt for anything else.
std::optional<quint64> carriedOf(const QString &mbid)
{
    QString digits = mbid;
    digits.remove(u'-');
    if (digits.size() != 32)
        return std::nullopt;
    quint64 carried = 0;
    int taken = 0;
    for (int i = 0; i < 32 && taken < 16; ++i) {
        if (i == 12 || i == 16)
            continue;
        bool ok = false;
        carried = (carried << 4) | digits.mid(i, 1).toULongLong(&ok, 16);
        if (!ok)
            return std::nullopt;
        ++taken;
    }
    return carried;
}

QString catalogueId(IdKind kind, int index, int release)
{
    const quint64 value = (quint64(kind) << 56) | (quint64(release) << 48) | quint64(index);
    const quint64 carried = Dice::mix(value ^ IdSeed);
    return uuidOf(carried, Dice::mix(carried ^ IdSeed));
}

struct Decoded
{
    IdKind kind;
    int index;
    int release;
};

std::optional<Decoded> decodeId(const QString &mbid)
{
    if (!FakeMusicBrainz::isMbid(mbid))
        return std::nullopt;
    const QString lower = mbid.toLower();
    const std::optional<quint64> carried = carriedOf(lower);
    if (!carried)
        return std::nullopt;
    const quint64 value = unmix(*carried) ^ IdSeed;
    const quint64 kind = value >> 56;
    const quint64 index = value & 0xffff'ffff'ffff;
    if ((kind != ReleaseGroupKind && kind != ReleaseKind) || index > quint64(INT_MAX))
        return std::nullopt;
    const Decoded decoded {IdKind(kind), int(index), int((value >> 48) & 0xff)};
    // The filler digits act as a checksum: only ids the catalogue made come back.
    if (catalogueId(decoded.kind, decoded.index, decoded.release) != lower)
        return std::nullopt;
    return decoded;
}

QString nameId(const QString &name, quint64 salt)
{
    const quint64 hash = Dice::hash(name) ^ salt;
    return uuidOf(Dice::mix(hash), Dice::mix(hash ^ GoldenGamma));
}

quint64 albumSeed(int index)
{
    return Dice::mix(CatalogueSeed ^ quint64(index));
}

quint64 releaseSeed(int index, int release)
{
    return Dice::mix(albumSeed(index) ^ (quint64(release + 1) * GoldenGamma) ^ ReleaseSalt);
}

// Search words: accents folded, lower case, split on everything that is not a letter or digit,
// as MusicBrainz' search index tokenises (closely enough for a fake).
QStringList words(const QString &value)
{
    QString folded;
    for (const QChar c : value.normalized(QString::NormalizationForm_KD)) {
        if (!c.isMark())
            folded += c.toLower();
    }
    QStringList result;
    QString word;
    for (const QChar c : folded) {
        if (c.isLetterOrNumber()) {
            word += c;
        } else if (!word.isEmpty()) {
            result.append(word);
            word.clear();
        }
    }
    if (!word.isEmpty())
        result.append(word);
    return result;
}

// "A & B": each name followed by its join phrase.
QString credited(const QStringList &artists, const QStringList &joins)
{
    QString credit;
    for (qsizetype i = 0; i < artists.size(); ++i)
        credit += artists.at(i) + joins.value(i);
    return credit.trimmed();
}

QString surname(Dice &dice)
{
    QString name;
    const int count = 2 + dice.below(2);
    for (int i = 0; i < count; ++i)
        name += dice.pick(Syllables);
    name[0] = name.at(0).toUpper();
    return name;
}

// "Surname, First" for people, "Names, The" for bands called "The ...", the name otherwise.
QString sortName(const QString &name)
{
    if (name.startsWith(QLatin1String("The ")))
        return name.mid(4) + QLatin1String(", The");
    const QStringList parts = name.split(u' ');
    if (parts.size() == 2 && !name.contains(u'-'))
        return parts.at(1) + QLatin1String(", ") + parts.at(0);
    return name;
}

// An EAN-13 with a valid check digit, distinct per release.
QString ean(int index, int release)
{
    const qint64 body = (qint64(index) * 3 + release) * 7919 + 50'000'000;
    QString digits = QStringLiteral("50")
        + QStringLiteral("%1").arg(body % 10'000'000'000, 10, 10, QLatin1Char('0'));
    int sum = 0;
    for (int i = 0; i < 12; ++i)
        sum += digits.at(i).digitValue() * (i % 2 == 0 ? 1 : 3);
    return digits + QString::number((10 - sum % 10) % 10);
}

QString twoDigits(int value)
{
    return QStringLiteral("%1").arg(value, 2, 10, QLatin1Char('0'));
}

FakeResponse json(int status, const QJsonObject &body)
{
    FakeResponse response;
    response.status = status;
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

FakeResponse error(int status, const QString &message)
{
    return json(
        status,
        QJsonObject {{QStringLiteral("error"), message}, {QStringLiteral("help"), text(Help)}});
}

FakeResponse notFound()
{
    return error(404, QStringLiteral("Not Found"));
}

// A query parameter decoded as a web form would be: '+' is a space, %2B a plus.
std::optional<QString> formValue(const QHttpServerRequest &request, const QString &name)
{
    const QString encoded = request.url().query(QUrl::FullyEncoded);
    for (const QString &pair : encoded.split(u'&', Qt::SkipEmptyParts)) {
        const qsizetype equals = pair.indexOf(u'=');
        const QString key = equals < 0 ? pair : pair.left(equals);
        if (QUrl::fromPercentEncoding(key.toUtf8()) != name)
            continue;
        QByteArray value = equals < 0 ? QByteArray() : pair.mid(equals + 1).toUtf8();
        value.replace('+', "%20");
        return QUrl::fromPercentEncoding(value);
    }
    return std::nullopt;
}

std::optional<QByteArray> header(const QHttpServerRequest &request, const QByteArray &name)
{
    for (const auto &[key, value] : request.headers()) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return std::nullopt;
}

// No User-Agent, an empty one, or one a library or browser sends for everybody ("curl/8.5",
// "Mozilla/5.0", "Java/17"): the product name alone, any version.
bool genericUserAgent(const std::optional<QByteArray> &agent)
{
    if (!agent)
        return true;
    const QByteArray value = agent->trimmed().toLower();
    const QByteArray product = value.left(value.indexOf('/')).trimmed();
    static const QByteArrayList Generic {
        "mozilla",        "curl",        "wget",  "python-requests",
        "python-urllib",  "qt",          "java",  "jakarta commons-httpclient",
        "go-http-client", "libwww-perl", "okhttp"};
    return product.isEmpty() || Generic.contains(product);
}

// "recordings+artist-credits labels%2Bmedia" → the four names.
QStringList incList(const QString &inc)
{
    QString spaced = inc;
    spaced.replace(QLatin1String("%2B"), QLatin1String(" "), Qt::CaseInsensitive);
    spaced.replace(u'+', u' ');
    return spaced.split(u' ', Qt::SkipEmptyParts);
}

std::optional<QString> invalidInc(const QStringList &inc, const char *known)
{
    const QStringList valid = QString::fromLatin1(known).split(u' ');
    for (const QString &value : inc) {
        if (!valid.contains(value))
            return value;
    }
    return std::nullopt;
}

// A parsed Lucene query: what AIME's client and people type, not the whole grammar. Terms may
// carry a field (releasegroup:, release:, artist:, primarytype:; others search everywhere), be
// quoted phrases, and be negated (NOT, -). AND, OR and && / || between terms are accepted and
// every remaining term must match. Backslash escapes make any character literal.
struct Term
{
    enum class Field { Any, Artist, Title, Type };
    Field field = Field::Any;
    QStringList words;
    bool phrase = false;
    bool negated = false;
};

QList<Term> parseLucene(const QString &query)
{
    QList<Term> terms;
    bool negateNext = false;
    qsizetype i = 0;
    const qsizetype n = query.size();
    const auto isSpace = [](QChar c) { return c.isSpace(); };
    while (i < n) {
        const QChar c = query.at(i);
        if (isSpace(c) || c == u'(' || c == u')') {
            ++i;
            continue;
        }
        Term term;
        if (c == u'-' || c == u'+' || c == u'!') {
            term.negated = c != u'+';
            ++i;
        }
        // A field name: letters up to an unescaped ':'.
        qsizetype end = i;
        while (end < n && (query.at(end).isLetter() || query.at(end) == u'-'))
            ++end;
        if (end < n && end > i && query.at(end) == u':') {
            const QString field = query.mid(i, end - i).toLower();
            if (field == u"releasegroup" || field == u"release" || field == u"title")
                term.field = Term::Field::Title;
            else if (field == u"artist" || field == u"artistname" || field == u"creditname")
                term.field = Term::Field::Artist;
            else if (field == u"primarytype" || field == u"type")
                term.field = Term::Field::Type;
            i = end + 1;
        }
        QString value;
        bool escaped = false;
        if (i < n && query.at(i) == u'"') {
            term.phrase = true;
            for (++i; i < n && query.at(i) != u'"'; ++i) {
                if (query.at(i) == u'\\' && i + 1 < n)
                    ++i;
                value += query.at(i);
            }
            ++i; // the closing quote
        } else {
            for (; i < n && !isSpace(query.at(i)) && query.at(i) != u'(' && query.at(i) != u')';
                 ++i) {
                if (query.at(i) == u'\\' && i + 1 < n) {
                    ++i;
                    escaped = true;
                }
                value += query.at(i);
            }
        }
        if (!term.phrase && !escaped && term.field == Term::Field::Any) {
            if (value == u"AND" || value == u"OR" || value == u"&&" || value == u"||")
                continue;
            if (value == u"NOT") {
                negateNext = true;
                continue;
            }
        }
        term.negated = term.negated || std::exchange(negateNext, false);
        term.words = words(value);
        if (!term.words.isEmpty())
            terms.append(term);
    }
    return terms;
}

bool containsSequence(const QStringList &haystack, const QStringList &needle)
{
    if (needle.isEmpty())
        return true;
    for (qsizetype start = 0; start + needle.size() <= haystack.size(); ++start) {
        if (std::equal(needle.cbegin(), needle.cend(), haystack.cbegin() + start))
            return true;
    }
    return false;
}

bool containsAll(const QStringList &haystack, const QStringList &needles)
{
    return std::all_of(needles.cbegin(), needles.cend(),
                       [&](const QString &word) { return haystack.contains(word); });
}

} // namespace

FakeMusicBrainz::FakeMusicBrainz(FakeMusicBrainzOptions options) : m_options(options)
{
    const int count = clampedAlbumCount(m_options.albumCount);
    m_albums.reserve(count);
    for (int i = 0; i < count; ++i)
        m_albums.append(generate(i));
    m_server.setHandler([this](const QHttpServerRequest &request) { return handle(request); });
    if (m_options.strictRate) {
        m_server.setRateLimit(1, std::chrono::milliseconds(1000), 503);
        m_server.setLimitedBody(rateLimitedBody());
    }
}

QUrl FakeMusicBrainz::apiUrl() const
{
    QUrl url = baseUrl();
    url.setPath(QStringLiteral("/ws/2"));
    return url;
}

QByteArray FakeMusicBrainz::rateLimitedBody()
{
    return QJsonDocument(
               QJsonObject {{QStringLiteral("error"),
                             QStringLiteral("Your requests are exceeding the allowable rate limit. "
                                            "Please see http://wiki.musicbrainz.org/XMLWebService "
                                            "for more information.")}})
        .toJson(QJsonDocument::Compact);
}

int FakeMusicBrainz::clampedAlbumCount(int albumCount)
{
    return std::clamp(albumCount, MinAlbums, MaxAlbums);
}

QString FakeMusicBrainz::releaseGroupId(int index)
{
    return catalogueId(ReleaseGroupKind, index, 0);
}

QString FakeMusicBrainz::releaseId(int index, int release)
{
    return catalogueId(ReleaseKind, index, release);
}

int FakeMusicBrainz::releaseCount(int index)
{
    return 1 + Dice(albumSeed(index) ^ ReleaseCountSalt).below(3);
}

bool FakeMusicBrainz::hasFrontCover(int index, int release)
{
    return !Dice(releaseSeed(index, release) ^ CoverSalt).chance(10);
}

bool FakeMusicBrainz::hasBackCover(int index, int release)
{
    Dice dice(releaseSeed(index, release) ^ CoverSalt);
    const bool front = !dice.chance(10);
    return front && dice.chance(3);
}

bool FakeMusicBrainz::isMbid(const QString &text)
{
    static const QRegularExpression uuid(QStringLiteral(
        "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    return uuid.match(text).hasMatch()
        && text != QLatin1String("00000000-0000-0000-0000-000000000000");
}

std::optional<FakeMusicBrainz::ReleaseRef> FakeMusicBrainz::findRelease(const QString &mbid,
                                                                        int albumCount)
{
    const std::optional<Decoded> decoded = decodeId(mbid);
    if (!decoded || decoded->kind != ReleaseKind || decoded->index >= clampedAlbumCount(albumCount)
        || decoded->release >= releaseCount(decoded->index))
        return std::nullopt;
    return ReleaseRef {decoded->index, decoded->release};
}

std::optional<int> FakeMusicBrainz::findReleaseGroup(const QString &mbid, int albumCount)
{
    const std::optional<Decoded> decoded = decodeId(mbid);
    if (!decoded || decoded->kind != ReleaseGroupKind || decoded->release != 0
        || decoded->index >= clampedAlbumCount(albumCount))
        return std::nullopt;
    return decoded->index;
}

FakeMusicBrainz::Album FakeMusicBrainz::generate(int index)
{
    Album album;
    album.seed = albumSeed(index);
    Dice dice(album.seed);

    // Each draw is its own statement: the operands of + are unsequenced.
    const auto person = [&dice]() -> QString {
        const QString first = dice.pick(FirstNames);
        return first + u' ' + surname(dice);
    };
    const int kind = dice.below(20);
    if (kind < 11) {
        album.artists = {person()};
    } else if (kind < 15) {
        album.artists = {QLatin1String("The ") + surname(dice) + u's'};
    } else if (kind < 17) {
        const QString first = surname(dice);
        album.artists = {first + u'-' + surname(dice)};
    } else {
        const QString one = person();
        album.artists = {one, person()};
    }
    album.joins = QStringList(album.artists.size(), QString());
    if (album.artists.size() == 2)
        album.joins[0] = dice.pick(Joins);

    const QString adjective = dice.pick(Adjectives);
    const QString noun = dice.pick(Nouns);
    const int titleKind = dice.below(8);
    if (titleKind == 0)
        album.title = dice.pick(OddTitles)
                          .replace(QLatin1String("%1"), adjective)
                          .replace(QLatin1String("%2"), noun);
    else if (titleKind == 1)
        album.title = noun;
    else if (titleKind == 2)
        album.title = QLatin1String("The ") + noun;
    else
        album.title = adjective + u' ' + noun;

    if (!dice.chance(25)) {
        const int year = 1960 + dice.below(66);
        const int month = 1 + dice.below(12);
        const int day = 1 + dice.below(28);
        const int precision = dice.below(10);
        album.firstReleaseDate = QString::number(year);
        if (precision < 8)
            album.firstReleaseDate += u'-' + twoDigits(month);
        if (precision < 6)
            album.firstReleaseDate += u'-' + twoDigits(day);
    }

    const int type = dice.below(20);
    album.primaryType = type < 15 ? QStringLiteral("Album")
        : type < 17               ? QStringLiteral("EP")
        : type < 19               ? QStringLiteral("Single")
                                  : QString();
    if (dice.chance(12))
        album.secondaryTypes.append(QStringLiteral("Live"));
    else if (dice.chance(15))
        album.secondaryTypes.append(QStringLiteral("Compilation"));

    // The whole credit, join phrases included, as MusicBrainz indexes its artist field.
    album.artistWords = words(credited(album.artists, album.joins));
    album.titleWords = words(album.title);
    return album;
}

QString FakeMusicBrainz::title(int index) const
{
    return m_albums.at(index).title;
}

QString FakeMusicBrainz::artistCredit(int index) const
{
    return credited(m_albums.at(index).artists, m_albums.at(index).joins);
}

FakeResponse FakeMusicBrainz::handle(const QHttpServerRequest &request) const
{
    const QString path = request.url().path();
    const bool head = request.method() == QHttpServerRequest::Method::Head;
    if (request.method() != QHttpServerRequest::Method::Get && !head)
        return error(405, QStringLiteral("Method not allowed."));
    if (genericUserAgent(header(request, "User-Agent"))) {
        return error(403,
                     QStringLiteral("Your User-Agent is missing or generic. Set one that names "
                                    "your application, its version and a contact, e.g. "
                                    "\"MyAwesomeTagger/1.2.0 ( me@example.com )\"; see "
                                    "https://musicbrainz.org/doc/MusicBrainz_API/Rate_Limiting"));
    }
    const std::optional<QString> format = formValue(request, QStringLiteral("fmt"));
    const bool acceptsJson
        = header(request, "Accept").value_or(QByteArray()).contains("application/json");
    if (format ? *format != u"json" : !acceptsJson) {
        // Without fmt=json or the Accept header MusicBrainz answers XML, which the fake does not
        // speak; an unknown fmt is a 406 with an XML body on MusicBrainz too.
        FakeResponse response;
        response.status = 406;
        response.headers = {{"Content-Type", "application/xml; charset=UTF-8"}};
        response.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<error><text>Invalid format. "
                        "Either set an Accept header (recognized mime types are application/json "
                        "and application/xml), or include a fmt= argument in the query string "
                        "(valid values for fmt are json and xml).</text><text>"
            + QByteArray(Help) + "</text></error>";
        return response;
    }

    const QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
    const QString inc = formValue(request, QStringLiteral("inc")).value_or(QString());
    FakeResponse response;
    if (parts.size() < 3 || parts.at(0) != u"ws" || parts.at(1) != u"2")
        response = notFound();
    else if (parts.size() == 3 && parts.at(2) == u"release-group")
        response = search(request);
    else if (parts.size() == 4 && parts.at(2) == u"release")
        response = lookupRelease(parts.at(3), inc);
    else if (parts.size() == 4 && parts.at(2) == u"release-group")
        response = lookupReleaseGroup(parts.at(3), inc);
    else
        response = notFound();
    if (head)
        response.body.clear();
    return response;
}

// GET /ws/2/release-group?query=...: every term must match; 100 for an exact title, less for
// partial matches; best first, then in catalogue order.
FakeResponse FakeMusicBrainz::search(const QHttpServerRequest &request) const
{
    const QString query = formValue(request, QStringLiteral("query")).value_or(QString());
    if (query.trimmed().isEmpty()) {
        return error(400,
                     QStringLiteral("You must provide a query or browse parameter (other than "
                                    "limit and offset)."));
    }
    bool ok = false;
    int limit = formValue(request, QStringLiteral("limit")).value_or(QString()).toInt(&ok);
    if (!ok || limit < 1 || limit > MaxLimit)
        limit = DefaultLimit;
    int offset = formValue(request, QStringLiteral("offset")).value_or(QString()).toInt(&ok);
    if (!ok || offset < 0)
        offset = 0;

    const QList<Term> terms = parseLucene(query);
    QStringList queryWords;
    QStringList titleTermWords;
    for (const Term &term : terms) {
        if (term.negated)
            continue;
        queryWords += term.words;
        if (term.field == Term::Field::Title)
            titleTermWords += term.words;
    }

    struct Hit
    {
        int index;
        int score;
    };
    QList<Hit> hits;
    for (int i = 0; i < m_albums.size() && !queryWords.isEmpty(); ++i) {
        const Album &album = m_albums.at(i);
        const auto matches = [&album](const Term &term) {
            const auto in = [&term](const QStringList &target) {
                return term.phrase ? containsSequence(target, term.words)
                                   : containsAll(target, term.words);
            };
            switch (term.field) {
            case Term::Field::Artist:
                return in(album.artistWords);
            case Term::Field::Title:
                return in(album.titleWords);
            case Term::Field::Type:
                return in(words(album.primaryType));
            case Term::Field::Any:
                break;
            }
            return term.phrase ? in(album.artistWords) || in(album.titleWords)
                               : containsAll(album.artistWords + album.titleWords, term.words);
        };
        if (!std::all_of(terms.cbegin(), terms.cend(),
                         [&](const Term &term) { return matches(term) != term.negated; }))
            continue;

        // The words not explained by the artist, for "Artist Title" queries.
        QStringList rest = queryWords;
        for (const QString &word : album.artistWords)
            rest.removeOne(word);
        const bool exact = titleTermWords == album.titleWords || queryWords == album.titleWords
            || rest == album.titleWords;
        int score = 100;
        if (!exact) {
            QStringList own = album.artistWords + album.titleWords;
            own.removeDuplicates();
            const qsizetype covered = std::count_if(
                own.cbegin(), own.cend(), [&](auto &w) { return queryWords.contains(w); });
            score = std::min(95, 40 + int(55 * covered / std::max<qsizetype>(1, own.size())));
        }
        hits.append({i, score});
    }
    std::stable_sort(hits.begin(), hits.end(),
                     [](const Hit &a, const Hit &b) { return a.score > b.score; });

    QJsonArray groups;
    for (qsizetype i = offset; i < hits.size() && i < qsizetype(offset) + limit; ++i) {
        QJsonObject group = releaseGroupObject(hits.at(i).index);
        group.insert(QStringLiteral("score"), hits.at(i).score);
        group.insert(QStringLiteral("artist-credit"), artistCreditArray(hits.at(i).index, false));
        QJsonArray releases;
        for (int r = 0; r < releaseCount(hits.at(i).index); ++r)
            releases.append(releaseSummary(hits.at(i).index, r));
        group.insert(QStringLiteral("releases"), releases);
        groups.append(group);
    }
    return json(200,
                QJsonObject {{QStringLiteral("created"), text(Created)},
                             {QStringLiteral("count"), int(hits.size())},
                             {QStringLiteral("offset"), offset},
                             {QStringLiteral("release-groups"), groups}});
}

FakeResponse FakeMusicBrainz::lookupRelease(const QString &mbid, const QString &inc) const
{
    if (!isMbid(mbid))
        return error(400, QStringLiteral("Invalid mbid."));
    const QStringList incs = incList(inc);
    if (const std::optional<QString> bad = invalidInc(incs, ReleaseIncs)) {
        return error(400,
                     *bad
                         + QLatin1String(" is not a valid inc parameter for the release "
                                         "resource."));
    }
    const std::optional<ReleaseRef> ref = findRelease(mbid, albumCount());
    if (!ref)
        return notFound();
    return json(200, releaseObject(ref->index, ref->release, incs));
}

FakeResponse FakeMusicBrainz::lookupReleaseGroup(const QString &mbid, const QString &inc) const
{
    if (!isMbid(mbid))
        return error(400, QStringLiteral("Invalid mbid."));
    const QStringList incs = incList(inc);
    if (const std::optional<QString> bad = invalidInc(incs, ReleaseGroupIncs)) {
        return error(400,
                     *bad
                         + QLatin1String(" is not a valid inc parameter for the "
                                         "release-group resource."));
    }
    const std::optional<int> index = findReleaseGroup(mbid, albumCount());
    if (!index)
        return notFound();
    QJsonObject group = releaseGroupObject(*index);
    group.remove(QStringLiteral("count"));
    group.insert(QStringLiteral("disambiguation"), QString());
    if (incs.contains(u"artists") || incs.contains(u"artist-credits"))
        group.insert(QStringLiteral("artist-credit"), artistCreditArray(*index, true));
    if (incs.contains(u"releases")) {
        QJsonArray releases;
        for (int r = 0; r < releaseCount(*index); ++r)
            releases.append(releaseObject(*index, r, {}));
        group.insert(QStringLiteral("releases"), releases);
    }
    return json(200, group);
}

QByteArray FakeMusicBrainz::releaseBody(const QString &mbid, const QStringList &inc) const
{
    const std::optional<ReleaseRef> ref = findRelease(mbid, albumCount());
    if (!ref)
        return {};
    return QJsonDocument(releaseObject(ref->index, ref->release, inc))
        .toJson(QJsonDocument::Compact);
}

// The fields a release group has in a search result and a lookup, without score, credits and
// releases.
QJsonObject FakeMusicBrainz::releaseGroupObject(int index) const
{
    const Album &album = m_albums.at(index);
    QJsonObject group {
        {QStringLiteral("id"), releaseGroupId(index)},
        {QStringLiteral("count"), releaseCount(index)},
        {QStringLiteral("title"), album.title},
        {QStringLiteral("first-release-date"), album.firstReleaseDate},
        {QStringLiteral("secondary-types"), QJsonArray::fromStringList(album.secondaryTypes)}};
    if (!album.primaryType.isEmpty()) {
        const char *typeId = album.primaryType == u"Album" ? AlbumTypeId
            : album.primaryType == u"EP"                   ? EpTypeId
                                                           : SingleTypeId;
        group.insert(QStringLiteral("type-id"), text(typeId));
        group.insert(QStringLiteral("primary-type-id"), text(typeId));
        group.insert(QStringLiteral("primary-type"), album.primaryType);
    }
    if (!album.secondaryTypes.isEmpty()) {
        group.insert(
            QStringLiteral("secondary-type-ids"),
            QJsonArray {
                text(album.secondaryTypes.first() == u"Live" ? LiveTypeId : CompilationTypeId)});
    }
    return group;
}

QJsonArray FakeMusicBrainz::artistCreditArray(int index, bool full) const
{
    const Album &album = m_albums.at(index);
    QJsonArray credits;
    for (qsizetype i = 0; i < album.artists.size(); ++i) {
        const QString &name = album.artists.at(i);
        QJsonObject artist {{QStringLiteral("id"), nameId(name, 0x61727469)}, // "arti"
                            {QStringLiteral("name"), name},
                            {QStringLiteral("sort-name"), sortName(name)}};
        if (full)
            artist.insert(QStringLiteral("disambiguation"), QString());
        credits.append(QJsonObject {{QStringLiteral("name"), name},
                                    {QStringLiteral("joinphrase"), album.joins.at(i)},
                                    {QStringLiteral("artist"), artist}});
    }
    return credits;
}

namespace {

struct ReleaseFacts
{
    QString status;
    const char *statusId;
    QString disambiguation;
    QString date;
    const Country *country;
    bool vinyl;
    bool digital;
    int media;
};

ReleaseFacts releaseFacts(int index, int release, const QString &firstReleaseDate)
{
    Dice dice(releaseSeed(index, release));
    ReleaseFacts facts {QStringLiteral("Official"), OfficialId, QString(), firstReleaseDate,
                        &dice.pickItem(Countries),  false,      false,     1};
    if (release > 0) {
        if (dice.chance(6)) {
            facts.status = QStringLiteral("Promotion");
            facts.statusId = PromotionId;
        } else if (dice.chance(10)) {
            facts.status = QStringLiteral("Bootleg");
            facts.statusId = BootlegId;
        }
        const int year = firstReleaseDate.isEmpty() ? 0 : firstReleaseDate.left(4).toInt();
        facts.date
            = year > 0 ? QString::number(std::min(2026, year + 1 + dice.below(30))) : QString();
        facts.disambiguation = dice.chance(2) ? QStringLiteral("remaster") : QString();
    }
    const int format = dice.below(10);
    facts.vinyl = format < 4;
    facts.digital = format == 9;
    facts.media = facts.digital ? 1 : (dice.chance(6) ? 2 : 1);
    return facts;
}

} // namespace

QJsonObject FakeMusicBrainz::releaseSummary(int index, int release) const
{
    const ReleaseFacts facts = releaseFacts(index, release, m_albums.at(index).firstReleaseDate);
    return {{QStringLiteral("id"), releaseId(index, release)},
            {QStringLiteral("status-id"), text(facts.statusId)},
            {QStringLiteral("title"), m_albums.at(index).title},
            {QStringLiteral("status"), facts.status}};
}

QJsonObject FakeMusicBrainz::releaseObject(int index, int release, const QStringList &inc) const
{
    const Album &album = m_albums.at(index);
    const ReleaseFacts facts = releaseFacts(index, release, album.firstReleaseDate);
    Dice dice(Dice::mix(releaseSeed(index, release) ^ 0x64657461)); // "deta"

    QJsonValue barcode = ean(index, release);
    if (dice.chance(12))
        barcode = QJsonValue::Null;
    else if (dice.chance(25))
        barcode = QString();
    QJsonValue packaging = QJsonValue::Null;
    QJsonValue packagingId = QJsonValue::Null;
    if (!facts.digital && !dice.chance(3)) {
        const Packaging &p = facts.vinyl ? Packagings[2] : dice.pickItem(Packagings);
        packaging = text(p.name);
        packagingId = text(p.id);
    }
    QJsonValue asin = QJsonValue::Null;
    if (dice.chance(2)) {
        static const char Alnum[] = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        QString code = QStringLiteral("B0");
        for (int i = 0; i < 8; ++i)
            code += QLatin1Char(Alnum[dice.below(int(sizeof Alnum) - 1)]);
        asin = code;
    }
    const bool front = hasFrontCover(index, release);
    const bool back = hasBackCover(index, release);
    const Country &country = *facts.country;

    QJsonObject object {
        {QStringLiteral("id"), releaseId(index, release)},
        {QStringLiteral("title"), album.title},
        {QStringLiteral("status"), facts.status},
        {QStringLiteral("status-id"), text(facts.statusId)},
        {QStringLiteral("quality"), QStringLiteral("normal")},
        {QStringLiteral("disambiguation"), facts.disambiguation},
        {QStringLiteral("packaging"), packaging},
        {QStringLiteral("packaging-id"), packagingId},
        {QStringLiteral("text-representation"),
         QJsonObject {{QStringLiteral("language"), QStringLiteral("eng")},
                      {QStringLiteral("script"), QStringLiteral("Latn")}}},
        {QStringLiteral("date"), facts.date},
        {QStringLiteral("country"), text(country.code)},
        {QStringLiteral("release-events"),
         QJsonArray {QJsonObject {
             {QStringLiteral("date"), facts.date},
             {QStringLiteral("area"),
              QJsonObject {{QStringLiteral("id"), text(country.areaId)},
                           {QStringLiteral("name"), text(country.name)},
                           {QStringLiteral("sort-name"), text(country.name)},
                           {QStringLiteral("iso-3166-1-codes"), QJsonArray {text(country.code)}},
                           {QStringLiteral("disambiguation"), QString()}}}}}},
        {QStringLiteral("barcode"), barcode},
        {QStringLiteral("asin"), asin},
        {QStringLiteral("cover-art-archive"),
         QJsonObject {{QStringLiteral("artwork"), front || back},
                      {QStringLiteral("count"), int(front) + int(back)},
                      {QStringLiteral("front"), front},
                      {QStringLiteral("back"), back},
                      {QStringLiteral("darkened"), false}}}};

    const bool credits = inc.contains(u"artist-credits") || inc.contains(u"artists");
    if (credits)
        object.insert(QStringLiteral("artist-credit"), artistCreditArray(index, true));

    if (inc.contains(u"labels")) {
        QJsonArray labelInfo;
        if (!dice.chance(20)) {
            QJsonValue label = QJsonValue::Null; // no known label
            QString catalogNumber;
            if (!dice.chance(15)) {
                const QString name = dice.pick(Labels);
                label = QJsonObject {{QStringLiteral("id"), nameId(name, 0x6c61626c)}, // "labl"
                                     {QStringLiteral("name"), name},
                                     {QStringLiteral("sort-name"), name},
                                     {QStringLiteral("disambiguation"), QString()},
                                     {QStringLiteral("label-code"),
                                      dice.chance(2) ? QJsonValue(1000 + dice.below(9000))
                                                     : QJsonValue(QJsonValue::Null)}};
                QString prefix;
                for (const QString &word : words(name))
                    prefix += word.at(0).toUpper();
                catalogNumber = prefix + u' ' + QString::number(100 + dice.below(9900));
            }
            labelInfo.append(QJsonObject {{QStringLiteral("catalog-number"),
                                           catalogNumber.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                                   : QJsonValue(catalogNumber)},
                                          {QStringLiteral("label"), label}});
        }
        object.insert(QStringLiteral("label-info"), labelInfo);
    }

    if (inc.contains(u"release-groups")) {
        QJsonObject group = releaseGroupObject(index);
        group.remove(QStringLiteral("count"));
        group.insert(QStringLiteral("disambiguation"), QString());
        if (credits)
            group.insert(QStringLiteral("artist-credit"), artistCreditArray(index, true));
        object.insert(QStringLiteral("release-group"), group);
    }

    const bool recordings = inc.contains(u"recordings");
    if (recordings || inc.contains(u"media")) {
        // The group's tracks, the same on every release; only the layout differs.
        Dice trackDice(Dice::mix(album.seed ^ TrackSalt));
        const int trackCount = 4 + trackDice.below(11);
        const int perMedium = (trackCount + facts.media - 1) / facts.media;
        QJsonArray media;
        for (int m = 0; m < facts.media; ++m) {
            const int first = m * perMedium;
            const int count = std::min(perMedium, trackCount - first);
            QJsonValue format = facts.vinyl ? text("12\" Vinyl")
                : facts.digital             ? text("Digital Media")
                                            : text("CD");
            if (dice.chance(30))
                format = QJsonValue::Null; // unknown format
            QJsonObject medium {{QStringLiteral("position"), m + 1},
                                {QStringLiteral("title"),
                                 facts.media > 1      ? QJsonValue(QString())
                                     : dice.chance(2) ? QJsonValue(QJsonValue::Null)
                                                      : QJsonValue(QString())},
                                {QStringLiteral("format"), format},
                                {QStringLiteral("track-count"), count},
                                {QStringLiteral("track-offset"), 0}};
            if (!format.isNull()) {
                medium.insert(QStringLiteral("format-id"),
                              text(facts.vinyl         ? VinylFormatId
                                       : facts.digital ? DigitalFormatId
                                                       : CdFormatId));
            }
            if (recordings) {
                QJsonArray tracks;
                for (int t = 0; t < count; ++t) {
                    const int n = first + t;
                    Dice one(Dice::mix(album.seed ^ TrackSalt ^ (quint64(n + 1) << 32)));
                    QString title = one.pick(Nouns);
                    if (!one.chance(3))
                        title = one.pick(Adjectives) + u' ' + title;
                    const QJsonValue length = one.chance(10)
                        ? QJsonValue(QJsonValue::Null)
                        : QJsonValue(1000 * (90 + one.below(360)));
                    // Vinyl: side A (C) holds the first half of the record, B (D) the rest.
                    const int half = (count + 1) / 2;
                    const bool second = t >= half;
                    const QString number = facts.vinyl
                        ? QString(QChar(char16_t(u'A' + 2 * m + (second ? 1 : 0)))
                                  + QString::number(second ? t - half + 1 : t + 1))
                        : QString::number(t + 1);
                    const quint64 key = Dice::mix(releaseSeed(index, release) ^ quint64(n + 1));
                    const quint64 recordingKey
                        = Dice::mix(album.seed ^ (quint64(n + 1) * GoldenGamma));
                    QJsonObject recording {
                        {QStringLiteral("id"), uuidOf(recordingKey, Dice::mix(~recordingKey))},
                        {QStringLiteral("title"), title},
                        {QStringLiteral("length"), length},
                        {QStringLiteral("disambiguation"), QString()},
                        {QStringLiteral("video"), false}};
                    QJsonObject track {{QStringLiteral("id"), uuidOf(key, Dice::mix(~key))},
                                       {QStringLiteral("number"), number},
                                       {QStringLiteral("position"), t + 1},
                                       {QStringLiteral("title"), title},
                                       {QStringLiteral("length"), length}};
                    if (credits) {
                        track.insert(QStringLiteral("artist-credit"),
                                     artistCreditArray(index, true));
                        recording.insert(QStringLiteral("artist-credit"),
                                         artistCreditArray(index, true));
                    }
                    track.insert(QStringLiteral("recording"), recording);
                    tracks.append(track);
                }
                medium.insert(QStringLiteral("tracks"), tracks);
            }
            media.append(medium);
        }
        object.insert(QStringLiteral("media"), media);
    }
    return object;
}

} // namespace aime::fakes
