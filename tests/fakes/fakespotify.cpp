#include "fakespotify.h"

#include "fakedice.h"
#include "fakeimage.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QtNumeric>

#include <algorithm>
#include <functional>
#include <limits>
#include <optional>
#include <utility>

namespace aime::fakes {

namespace {

// The catalogue and the tokens are pure functions of an index or a counter and these seeds: no
// clock, no qHash (its seed changes per process), no global random generator.
constexpr quint64 CatalogueSeed = 0x41494d45'53504f54; // "AIMESPOT"
constexpr quint64 IdMask = 0x69642d6d61736b21; // "id-mask!"
constexpr quint64 TrackSeed = 0x747261636b2d6964; // "track-id"
constexpr quint64 ArtistSeed = 0x6172746973742121; // "artist!!"
constexpr quint64 TokenSeed = 0x746f6b656e2d2d21; // "token--!"
constexpr quint64 AccessKind = 1;
constexpr quint64 RefreshKind = 2;
constexpr quint64 CodeKind = 3;
constexpr int MinAlbums = 10;
constexpr int MaxAlbums = 100'000;
constexpr int DevSearchLimit = 10;
constexpr int SearchLimit = 50;
constexpr int DevSearchDefault = 5;
constexpr int SearchDefault = 20;
constexpr int PageLimit = 50; // albums/{id}/tracks and me/albums
constexpr int PageDefault = 20;
constexpr int EmbeddedTracks = 50;
constexpr int LargeAlbumEvery = 17;
constexpr int MaxIdsPerRequest = 20;
constexpr char Base62[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr int HalfIdLength = 11; // 62^11 > 2^64, so one 64-bit half fits in 11 digits

const char *const FirstNames[]
    = {"Ada",  "Bruno", "Clara", "Dmitri", "Elena", "Felix", "Greta", "Hugo",
       "Ines", "Jonas", "Keiko", "Lars",   "Maya",  "Nils",  "Olga",  "Pablo",
       "Rosa", "Sven",  "Tilda", "Umar",   "Vera",  "Wim",   "Xenia", "Yusuf"};
const char *const Syllables[]
    = {"ba",  "cor", "del", "fen", "gar", "hol", "kir", "lun", "mor", "nev",
       "pel", "quo", "ras", "sil", "tor", "vel", "wen", "yar", "zan", "dri"};
const char *const Adjectives[]
    = {"Midnight", "Silver", "Broken",  "Electric", "Quiet", "Golden", "Northern",
       "Hidden",   "Velvet", "Distant", "Burning",  "Paper", "Frozen", "Crimson",
       "Café",     "Hollow", "Endless", "Noël",     "Wild",  "Glass"};
const char *const Nouns[] = {"Gardens", "Rivers", "Machines", "Echoes",   "Horizons", "Letters",
                             "Mirrors", "Tides",  "Signals",  "Harbours", "Dreams",   "Engines",
                             "Islands", "Voices", "Shadows",  "Orchards", "Bridges",  "Satellites"};
const char *const Labels[] = {"Harbour Records", "Blue Lantern", "Northfield", "Kite Music",
                              "Obsidian Sound",  "Paper Moon",   "Redwood",    "Saltmarsh",
                              "Tangent",         "Umbra",        "Vantage",    "Wavelength"};
const char *const Markets[] = {"DE", "FR", "GB", "JP", "NL", "SE", "US"};
const char *const SearchTypes[]
    = {"album", "artist", "playlist", "track", "show", "episode", "audiobook"};
const char *const AlbumTypes[] = {"album", "single", "compilation"};
const char *const Precisions[] = {"day", "month", "year"};

QString text(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

// A Spotify id: 22 base62 characters, here two 64-bit halves of 11 digits each.
QString encodeId(quint64 high, quint64 low)
{
    QString id(2 * HalfIdLength, u'0');
    for (int i = HalfIdLength - 1; i >= 0; --i) {
        id[i] = QLatin1Char(Base62[high % 62]);
        id[HalfIdLength + i] = QLatin1Char(Base62[low % 62]);
        high /= 62;
        low /= 62;
    }
    return id;
}

int base62Digit(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'A' && u <= u'Z')
        return 10 + (u - u'A');
    if (u >= u'a' && u <= u'z')
        return 36 + (u - u'a');
    return -1;
}

bool isSpotifyId(const QString &id)
{
    return id.size() == 2 * HalfIdLength
        && std::all_of(id.cbegin(), id.cend(), [](QChar c) { return base62Digit(c) >= 0; });
}

// The two halves of an id encodeId() could have written; nothing for any other id.
std::optional<std::pair<quint64, quint64>> decodeId(const QString &id)
{
    if (!isSpotifyId(id))
        return std::nullopt;
    quint64 halves[2] = {0, 0};
    for (int half = 0; half < 2; ++half) {
        for (int i = 0; i < HalfIdLength; ++i) {
            quint64 value = 0;
            if (qMulOverflow(halves[half], quint64(62), &value)
                || qAddOverflow(value, quint64(base62Digit(id.at(half * HalfIdLength + i))),
                                &halves[half]))
                return std::nullopt;
        }
    }
    return std::make_pair(halves[0], halves[1]);
}

QString artistId(const QString &name)
{
    const quint64 high = Dice::mix(ArtistSeed ^ Dice::hash(name));
    return encodeId(high, Dice::mix(high));
}

QString trackId(int index, int number)
{
    const quint64 high = Dice::mix(TrackSeed ^ (quint64(index) << 16 | quint64(number)));
    return encodeId(high, Dice::mix(high ^ TrackSeed));
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

QString personName(Dice &dice)
{
    return dice.pick(FirstNames) + u' ' + surname(dice);
}

// `digits` followed by its GS1 check digit (UPC-A for 11 digits, EAN-13 for 12).
QString withCheckDigit(const QString &digits)
{
    int sum = 0;
    for (int i = 0; i < digits.size(); ++i) {
        // Weight 3 for the digit next to the check digit, then alternately 1 and 3.
        const bool three = (digits.size() - i) % 2 == 1;
        sum += digits.at(i).digitValue() * (three ? 3 : 1);
    }
    return digits + QString::number((10 - sum % 10) % 10);
}

// Distinct per index: a 12-digit UPC-A or a 13-digit EAN. index * a + b is a bijection modulo
// 10^n when a is prime to 10, so the digits look scattered and never repeat.
QString upcFor(int index, bool ean)
{
    if (ean) {
        const qint64 body = (qint64(index) * 48'271'937 + 1'234'567'891) % 100'000'000'000;
        return withCheckDigit(QLatin1Char('5')
                              + QStringLiteral("%1").arg(body, 11, 10, QLatin1Char('0')));
    }
    const qint64 body = (qint64(index) * 3'748'291 + 424'242'424) % 10'000'000'000;
    return withCheckDigit(QLatin1Char('0')
                          + QStringLiteral("%1").arg(body, 10, 10, QLatin1Char('0')));
}

FakeResponse json(int status, const QJsonObject &body)
{
    FakeResponse response;
    response.status = status;
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

// The Web API's error shape.
FakeResponse apiError(int status, const QString &message)
{
    FakeResponse response
        = json(status,
               QJsonObject {{QStringLiteral("error"),
                             QJsonObject {{QStringLiteral("status"), status},
                                          {QStringLiteral("message"), message}}}});
    if (status == 401) {
        response.headers.append(
            {"WWW-Authenticate",
             "Bearer realm=\"spotify\", error=\"invalid_token\", error_description=\""
                 + message.toUtf8() + '"'});
    }
    return response;
}

FakeResponse apiError(int status, const char *message)
{
    return apiError(status, text(message));
}

// The token endpoint's OAuth shape; always 400, as observed (PROVIDERS.md 1.3).
FakeResponse oauthError(const char *code, const char *description = nullptr)
{
    QJsonObject body {{QStringLiteral("error"), text(code)}};
    if (description)
        body.insert(QStringLiteral("error_description"), text(description));
    return json(400, body);
}

// What the accounts service shows in the browser for a request it cannot send back.
FakeResponse plainText(int status, const char *message)
{
    FakeResponse response;
    response.status = status;
    response.body = message;
    response.headers = {{"Content-Type", "text/plain; charset=utf-8"}};
    return response;
}

// Header names are case-insensitive; a header sent empty is present with an empty value.
std::optional<QByteArray> header(const QHttpServerRequest &request, const QByteArray &name)
{
    for (const auto &[key, value] : request.headers()) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return std::nullopt;
}

// A query string or form body, with '+' read as a space as forms write it.
QUrlQuery formQuery(QByteArray encoded)
{
    encoded.replace('+', "%20");
    return QUrlQuery(QString::fromUtf8(encoded));
}

QString valueOf(const QUrlQuery &query, const char *key)
{
    return query.queryItemValue(QLatin1String(key), QUrl::FullyDecoded);
}

QString encoded(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

// An integer parameter: `fallback` when absent, nothing when unreadable or out of [min, max].
std::optional<int> intParameter(const QUrlQuery &query, const char *key, int fallback, int min,
                                int max)
{
    if (!query.hasQueryItem(QLatin1String(key)))
        return fallback;
    bool ok = false;
    const int value = valueOf(query, key).trimmed().toInt(&ok);
    if (!ok || value < min || value > max)
        return std::nullopt;
    return value;
}

// Loopback IP literals only, with any port, on the one registered path (PROVIDERS.md 1.4).
bool isAllowedRedirect(const QString &uri)
{
    const QUrl url(uri, QUrl::StrictMode);
    return url.isValid() && url.scheme() == QLatin1String("http")
        && (url.host() == QLatin1String("127.0.0.1") || url.host() == QLatin1String("::1"))
        && url.userInfo().isEmpty() && url.path() == QLatin1String("/callback") && !url.hasQuery()
        && !url.hasFragment();
}

bool isCodeChallenge(const QString &challenge)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-]{43}$"));
    return pattern.match(challenge).hasMatch();
}

bool isCodeVerifier(const QString &verifier)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._~-]{43,128}$"));
    return pattern.match(verifier).hasMatch();
}

QString challengeOf(const QString &verifier)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString normalizedScope(const QString &scope)
{
    return scope.split(u' ', Qt::SkipEmptyParts).join(u' ');
}

// What q asks for: words that must all occur in "artists title", an exact UPC, a year range.
struct SearchFilter
{
    QStringList words;
    QString upc;
    int fromYear = 0; // 0: any
    int toYear = 0;
    bool impossible = false; // a filter nothing can match, such as an unreadable year
};

// Field filters as Spotify documents them for albums (PROVIDERS.md 1.6): album: and artist:
// narrow nothing here (their words must occur anywhere in artists and title), year: takes a
// year or a range, upc: matches exactly. Quotes only group words, so they are dropped.
SearchFilter parseQuery(const QString &q)
{
    SearchFilter filter;
    for (QString word :
         q.toLower().split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts)) {
        word.remove(u'"');
        if (word.startsWith(QLatin1String("upc:"))) {
            filter.upc = word.mid(4);
            filter.impossible = filter.impossible || filter.upc.isEmpty();
        } else if (word.startsWith(QLatin1String("year:"))) {
            const QStringList range = word.mid(5).split(u'-');
            bool fromOk = false;
            bool toOk = range.size() == 1;
            filter.fromYear = range.value(0).toInt(&fromOk);
            filter.toYear = range.size() == 2 ? range.at(1).toInt(&toOk) : filter.fromYear;
            filter.impossible = filter.impossible || !fromOk || !toOk || range.size() > 2;
        } else {
            for (const QLatin1String prefix : {QLatin1String("album:"), QLatin1String("artist:")}) {
                if (word.startsWith(prefix))
                    word = word.mid(prefix.size());
            }
            if (!word.isEmpty())
                filter.words.append(word);
        }
    }
    return filter;
}

struct PageLinks
{
    QJsonValue next = QJsonValue::Null;
    QJsonValue previous = QJsonValue::Null;
};

// next while there is more (and, for search, while offset stays within `maxOffset`), previous
// when not at the start.
PageLinks pageLinks(int offset, int limit, int total, int maxOffset,
                    const std::function<QString(int)> &pageUrl)
{
    PageLinks links;
    if (limit > 0 && offset + limit < total && offset + limit <= maxOffset)
        links.next = pageUrl(offset + limit);
    if (offset > 0)
        links.previous = pageUrl(std::max(0, offset - std::max(limit, 1)));
    return links;
}

QJsonObject paging(const QString &href, const QJsonArray &items, int limit, int offset, int total,
                   const PageLinks &links)
{
    return {{QStringLiteral("href"), href},     {QStringLiteral("items"), items},
            {QStringLiteral("limit"), limit},   {QStringLiteral("next"), links.next},
            {QStringLiteral("offset"), offset}, {QStringLiteral("previous"), links.previous},
            {QStringLiteral("total"), total}};
}

QJsonObject externalUrls(const QString &kind, const QString &id)
{
    return {{QStringLiteral("spotify"),
             QString(QLatin1String("https://open.spotify.com/") + kind + u'/' + id)}};
}

QJsonArray markets()
{
    QJsonArray list;
    for (const char *market : Markets)
        list.append(text(market));
    return list;
}

} // namespace

FakeSpotify::FakeSpotify(FakeSpotifyOptions options) : m_options(std::move(options))
{
    const int count = std::clamp(m_options.albumCount, MinAlbums, MaxAlbums);
    m_albums.reserve(count);
    for (int i = 0; i < count; ++i)
        m_albums.append(generate(i));
    m_savedCount = m_options.savedCount < 0 ? count : std::min(m_options.savedCount, count);
    m_options.tokenLifetimeSeconds = std::max(0, m_options.tokenLifetimeSeconds);
    m_clock.start();
    m_server.setLimitedBody("{\"error\":{\"status\":429,\"message\":\"API rate limit exceeded\"}}");
    m_server.setHandler([this](const QHttpServerRequest &request) { return handle(request); });
}

QUrl FakeSpotify::apiUrl() const
{
    QUrl url = m_server.baseUrl();
    url.setPath(QStringLiteral("/v1"));
    return url;
}

QString FakeSpotify::albumId(int index)
{
    const quint64 high = Dice::mix(CatalogueSeed ^ quint64(index));
    return encodeId(high, quint64(index) ^ Dice::mix(high ^ IdMask));
}

int FakeSpotify::albumIndex(const QString &id) const
{
    const std::optional<std::pair<quint64, quint64>> halves = decodeId(id);
    if (!halves)
        return -1;
    const quint64 index = halves->second ^ Dice::mix(halves->first ^ IdMask);
    if (index >= quint64(m_albums.size()) || Dice::mix(CatalogueSeed ^ index) != halves->first)
        return -1;
    return int(index);
}

QByteArray FakeSpotify::albumBody(const QString &id) const
{
    const int index = albumIndex(id);
    if (index < 0)
        return {};
    return QJsonDocument(fullAlbum(index)).toJson(QJsonDocument::Compact);
}

void FakeSpotify::expireAllAccessTokens()
{
    for (AccessToken &token : m_accessTokens)
        token.expiresAt = std::numeric_limits<qint64>::min();
}

FakeSpotify::Album FakeSpotify::generate(int index)
{
    Album album;
    album.seed = Dice::mix(CatalogueSeed ^ quint64(index));
    Dice dice(album.seed);

    const int typeRoll = dice.below(25);
    album.type = typeRoll < 2 ? 2 : (typeRoll < 5 ? 1 : 0);
    if (album.type == 2) {
        album.artists = {QStringLiteral("Various Artists")};
    } else {
        const int kind = dice.below(20);
        if (kind < 10)
            album.artists = {personName(dice)};
        else if (kind < 14)
            album.artists = {QLatin1String("The ") + surname(dice) + u's'};
        else if (kind < 17)
            album.artists = {dice.pick(Adjectives) + u' ' + dice.pick(Nouns)};
        else
            album.artists = {personName(dice), personName(dice)};
    }

    const int titleKind = dice.below(8);
    if (album.type == 2)
        album.title = QLatin1String("The Best of ") + dice.pick(Adjectives) + u' '
            + dice.pick(Nouns) + QLatin1String(", Vol. ") + QString::number(1 + dice.below(4));
    else if (titleKind < 2)
        album.title = QLatin1String("The ") + dice.pick(Nouns);
    else if (titleKind < 3)
        album.title = dice.pick(Nouns) + QLatin1String(" of ") + dice.pick(Nouns);
    else
        album.title = dice.pick(Adjectives) + u' ' + dice.pick(Nouns);

    album.year = 1955 + dice.below(71);
    album.month = quint8(1 + dice.below(12));
    album.day = quint8(1 + dice.below(28));
    const int precision = dice.below(10);
    album.precision = precision < 7 ? 0 : (precision < 8 ? 1 : 2);

    const int upcKind = dice.below(15);
    if (upcKind > 0)
        album.upc = upcFor(index, upcKind <= 5);
    album.label = dice.pick(Labels);
    album.popularity = quint8(dice.below(101));

    if (index % LargeAlbumEvery == 3) {
        album.trackCount = 51 + dice.below(70);
        album.discs = 2;
    } else {
        album.trackCount = 6 + dice.below(11);
        album.discs = dice.chance(8) ? 2 : 1;
    }
    album.searchText = (album.artists.join(u' ') + u' ' + album.title).toLower();
    return album;
}

FakeResponse FakeSpotify::handle(const QHttpServerRequest &request)
{
    const QStringList parts = request.url().path().split(u'/', Qt::SkipEmptyParts);
    if (!parts.isEmpty() && parts.first() == QLatin1String("v1"))
        return webApi(request, parts.mid(1));
    // The image host (i.scdn.co) is public: no token. The image is a solid colour of its album.
    if (parts.size() == 2 && parts.first() == QLatin1String("images")) {
        static const QRegularExpression name(QStringLiteral("^([A-Za-z0-9]+)-(640|300|64)\\.jpg$"));
        const QRegularExpressionMatch match = name.match(parts.at(1));
        if (!match.hasMatch())
            return plainText(404, "Not Found");
        FakeResponse image;
        image.headers = {{"Content-Type", "image/jpeg"}};
        image.body
            = FakeImage::jpeg(FakeImage::colourOf(match.captured(1)), match.captured(2).toInt());
        return image;
    }
    const bool get = request.method() == QHttpServerRequest::Method::Get;
    if (parts == QStringList {QStringLiteral("authorize")})
        return get ? authorize(request) : plainText(405, "Method Not Allowed");
    if (parts == QStringList {QStringLiteral("api"), QStringLiteral("token")}) {
        if (request.method() != QHttpServerRequest::Method::Post)
            return oauthError("invalid_request", "Only POST is supported");
        return token(request);
    }
    return apiError(404, "Service not found");
}

// Auto-approves, as if the user had clicked "Agree". An unknown client or a redirect URI that is
// not registered gets a page in the browser; once the redirect URI is known good, every other
// problem goes back to it as error= (RFC 6749 4.1.2.1) [U: Spotify's own choice per error].
FakeResponse FakeSpotify::authorize(const QHttpServerRequest &request)
{
    const QUrlQuery query = formQuery(request.url().query(QUrl::FullyEncoded).toUtf8());
    m_lastAuthorizeQuery = query;
    if (valueOf(query, "client_id") != m_options.clientId)
        return plainText(400, "INVALID_CLIENT: Invalid client");
    const QString redirectUri = valueOf(query, "redirect_uri");
    if (!isAllowedRedirect(redirectUri))
        return plainText(400, "INVALID_CLIENT: Invalid redirect URI");

    const bool hasState = query.hasQueryItem(QStringLiteral("state"));
    const QString state = valueOf(query, "state");
    const auto redirect = [&](const QList<std::pair<QString, QString>> &parameters) {
        QStringList items;
        for (const auto &[key, value] : parameters)
            items.append(key + u'=' + encoded(value));
        if (hasState)
            items.append(QLatin1String("state=") + encoded(state));
        FakeResponse response;
        response.status = 302;
        response.headers = {{"Location", (redirectUri + u'?' + items.join(u'&')).toUtf8()}};
        return response;
    };
    if (valueOf(query, "response_type") != QLatin1String("code"))
        return redirect({{QStringLiteral("error"), QStringLiteral("unsupported_response_type")}});
    if (valueOf(query, "code_challenge_method") != QLatin1String("S256"))
        return redirect({{QStringLiteral("error"), QStringLiteral("invalid_request")},
                         {QStringLiteral("error_description"),
                          QStringLiteral("code_challenge_method must be S256")}});
    const QString challenge = valueOf(query, "code_challenge");
    if (!isCodeChallenge(challenge))
        return redirect(
            {{QStringLiteral("error"), QStringLiteral("invalid_request")},
             {QStringLiteral("error_description"), QStringLiteral("code_challenge is invalid")}});
    if (std::exchange(m_denyNext, false))
        return redirect({{QStringLiteral("error"), QStringLiteral("access_denied")}});

    const QString code = newToken("AQ", CodeKind);
    m_codes.insert(code, {challenge, redirectUri, normalizedScope(valueOf(query, "scope"))});
    return redirect({{QStringLiteral("code"), code}});
}

FakeResponse FakeSpotify::token(const QHttpServerRequest &request)
{
    const QByteArray contentType
        = header(request, "Content-Type").value_or(QByteArray()).trimmed().toLower();
    if (!contentType.startsWith("application/x-www-form-urlencoded"))
        return oauthError("invalid_request",
                          "Content-Type must be application/x-www-form-urlencoded");
    const QUrlQuery form = formQuery(request.body());
    const QString grantType = valueOf(form, "grant_type");
    if (grantType.isEmpty())
        return oauthError("unsupported_grant_type", "grant_type parameter is missing");
    ++m_tokenRequests[grantType];
    if (grantType == QLatin1String("client_credentials"))
        return clientCredentials(request);
    if (grantType == QLatin1String("authorization_code"))
        return authorizationCode(form);
    if (grantType == QLatin1String("refresh_token"))
        return refresh(form);
    return oauthError("unsupported_grant_type", "grant_type parameter is invalid");
}

// Only `Authorization: Basic base64(client_id:client_secret)` authenticates the app here.
FakeResponse FakeSpotify::clientCredentials(const QHttpServerRequest &request)
{
    const QByteArray authorization = header(request, "Authorization").value_or(QByteArray());
    const QByteArray expected
        = (m_options.clientId + u':' + m_options.clientSecret).toUtf8().toBase64();
    if (!authorization.startsWith("Basic ") || authorization.mid(6).trimmed() != expected)
        return oauthError("invalid_client");
    FakeResponse response;
    response.body = issueTokens(false, {}, false);
    return response;
}

// PKCE: no secret, the verifier proves the caller is the one that asked for the code. A code
// is spent by any exchange that names it, a refused one included [U].
FakeResponse FakeSpotify::authorizationCode(const QUrlQuery &form)
{
    if (valueOf(form, "client_id") != m_options.clientId)
        return oauthError("invalid_client");
    const QString verifier = valueOf(form, "code_verifier");
    if (verifier.isEmpty())
        return oauthError("invalid_request", "code_verifier required");
    const auto pending = m_codes.constFind(valueOf(form, "code"));
    if (pending == m_codes.cend())
        return oauthError("invalid_grant", "Invalid authorization code");
    const PendingCode code = *pending;
    m_codes.erase(pending);
    if (valueOf(form, "redirect_uri") != code.redirectUri)
        return oauthError("invalid_grant", "Invalid redirect URI");
    if (!isCodeVerifier(verifier) || challengeOf(verifier) != code.challenge)
        return oauthError("invalid_grant", "code_verifier was incorrect");
    FakeResponse response;
    response.body = issueTokens(true, code.scope, true);
    return response;
}

// Rotating refresh tokens, as with PKCE: the one used is spent and a new one comes back. With
// setOmitRefreshTokenOnRefresh(true) the answer has none and the used one stays good.
FakeResponse FakeSpotify::refresh(const QUrlQuery &form)
{
    if (valueOf(form, "client_id") != m_options.clientId)
        return oauthError("invalid_client");
    const QString refreshToken = valueOf(form, "refresh_token");
    const auto found = m_refreshTokens.constFind(refreshToken);
    if (refreshToken.isEmpty() || found == m_refreshTokens.cend())
        return oauthError("invalid_grant", "Invalid refresh token");
    const QString scope = *found;
    if (!m_omitRefreshToken)
        m_refreshTokens.erase(found);
    FakeResponse response;
    response.body = issueTokens(true, scope, !m_omitRefreshToken);
    return response;
}

QByteArray FakeSpotify::issueTokens(bool user, const QString &scope, bool withRefreshToken)
{
    const QString access = newToken("BQ", AccessKind);
    m_accessTokens.insert(
        access, {user, scope, m_clock.elapsed() + qint64(m_options.tokenLifetimeSeconds) * 1000});
    QJsonObject body {{QStringLiteral("access_token"), access},
                      {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                      {QStringLiteral("expires_in"), m_options.tokenLifetimeSeconds}};
    if (withRefreshToken) {
        const QString refreshToken = newToken("AQ", RefreshKind);
        m_refreshTokens.insert(refreshToken, scope);
        body.insert(QStringLiteral("refresh_token"), refreshToken);
    }
    if (user)
        body.insert(QStringLiteral("scope"), scope);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

// Distinct, random-looking and the same on every run: a counter through the mixer.
QString FakeSpotify::newToken(const char *prefix, quint64 kind)
{
    ++m_issued;
    const quint64 high = Dice::mix(TokenSeed ^ (kind << 56) ^ m_issued);
    const quint64 low = Dice::mix(high ^ kind);
    return text(prefix) + encodeId(high, low) + encodeId(Dice::mix(low), Dice::mix(high ^ low));
}

FakeResponse FakeSpotify::webApi(const QHttpServerRequest &request, const QStringList &parts)
{
    enum class Route { Search, SeveralAlbums, Album, AlbumTracks, Me, SavedAlbums };
    std::optional<Route> route;
    const QString first = parts.value(0);
    if (parts.size() == 1 && first == QLatin1String("search"))
        route = Route::Search;
    else if (parts.size() == 1 && first == QLatin1String("albums"))
        route = Route::SeveralAlbums;
    else if (parts.size() == 2 && first == QLatin1String("albums"))
        route = Route::Album;
    else if (parts.size() == 3 && first == QLatin1String("albums")
             && parts.at(2) == QLatin1String("tracks"))
        route = Route::AlbumTracks;
    else if (parts.size() == 1 && first == QLatin1String("me"))
        route = Route::Me;
    else if (parts.size() == 2 && first == QLatin1String("me")
             && parts.at(1) == QLatin1String("albums"))
        route = Route::SavedAlbums;
    if (!route)
        return apiError(404, "Service not found");
    if (request.method() != QHttpServerRequest::Method::Get)
        return apiError(405, "Method not allowed");

    const std::optional<QByteArray> authorization = header(request, "Authorization");
    if (!authorization || authorization->trimmed().isEmpty())
        return apiError(401, "No token provided");
    if (!authorization->startsWith("Bearer "))
        return apiError(400, "Only valid bearer authentication supported");
    const auto token = m_accessTokens.constFind(QString::fromUtf8(authorization->mid(7).trimmed()));
    if (token == m_accessTokens.cend())
        return apiError(401, "Invalid access token");
    if (m_clock.elapsed() >= token->expiresAt)
        return apiError(401, "The access token expired");
    if (token->user && m_userNotRegistered)
        return apiError(403, "User not registered in the Developer Dashboard");

    const QUrlQuery query = formQuery(request.url().query(QUrl::FullyEncoded).toUtf8());
    switch (*route) {
    case Route::Search:
        return search(query);
    case Route::SeveralAlbums:
        return severalAlbums(query);
    case Route::Album:
        return album(parts.at(1));
    case Route::AlbumTracks:
        return albumTracks(parts.at(1), query);
    case Route::Me:
        return token->user ? me() : apiError(403, "Insufficient client scope");
    case Route::SavedAlbums:
        if (!token->user)
            return apiError(403, "Insufficient client scope");
        return savedAlbums(query, token->scope);
    }
    return apiError(404, "Service not found");
}

// Matches keep catalogue order; Spotify's relevance order is not modelled. total is the true
// count, but next stops where offset would pass 1000, as paging does on Spotify.
FakeResponse FakeSpotify::search(const QUrlQuery &query) const
{
    // Spotify's own next/href links spell the query "query=" (PROVIDERS.md 1.6).
    const QString q
        = query.hasQueryItem(QStringLiteral("q")) ? valueOf(query, "q") : valueOf(query, "query");
    if (q.trimmed().isEmpty())
        return apiError(400, "No search query");
    const QString type = valueOf(query, "type");
    if (type.trimmed().isEmpty())
        return apiError(400, "Missing parameter type");
    QStringList types;
    for (const QString &entry : type.split(u',')) {
        const QString name = entry.trimmed().toLower();
        if (std::none_of(std::begin(SearchTypes), std::end(SearchTypes),
                         [&](const char *known) { return name == QLatin1String(known); }))
            return apiError(400, QLatin1String("Bad search type field ") + entry.trimmed());
        types.append(name);
    }
    const bool dev = m_options.devMode;
    const std::optional<int> limit
        = intParameter(query, "limit", dev ? DevSearchDefault : SearchDefault, 0,
                       dev ? DevSearchLimit : SearchLimit);
    if (!limit)
        return apiError(400, "Invalid limit");
    const std::optional<int> offset = intParameter(query, "offset", 0, 0, MaxSearchOffset);
    if (!offset)
        return apiError(400, "Invalid offset");

    QList<int> matched;
    if (types.contains(QStringLiteral("album"))) {
        const SearchFilter filter = parseQuery(q);
        for (int i = 0; i < m_albums.size() && !filter.impossible; ++i) {
            const Album &album = m_albums.at(i);
            if (!filter.upc.isEmpty() && album.upc != filter.upc)
                continue;
            if (filter.fromYear > 0 && (album.year < filter.fromYear || album.year > filter.toYear))
                continue;
            if (std::all_of(filter.words.cbegin(), filter.words.cend(),
                            [&](const QString &word) { return album.searchText.contains(word); }))
                matched.append(i);
        }
    }

    const QString market = valueOf(query, "market");
    const auto pageUrl = [&](int pageOffset) {
        QString address = href(QStringLiteral("/search"))
            + QStringLiteral("?offset=%1&limit=%2").arg(pageOffset).arg(*limit)
            + QLatin1String("&query=") + encoded(q) + QLatin1String("&type=") + encoded(type);
        if (!market.isEmpty())
            address += QLatin1String("&market=") + encoded(market);
        return address;
    };
    QJsonObject body;
    for (const QString &name : std::as_const(types)) {
        const bool albums = name == QLatin1String("album");
        const int total = albums ? int(matched.size()) : 0;
        QJsonArray items;
        for (int i = *offset; albums && i < std::min(total, *offset + *limit); ++i)
            items.append(simplifiedAlbum(matched.at(i)));
        body.insert(name + u's',
                    paging(pageUrl(*offset), items, *limit, *offset, total,
                           pageLinks(*offset, *limit, total, MaxSearchOffset, pageUrl)));
    }
    return json(200, body);
}

FakeResponse FakeSpotify::album(const QString &id) const
{
    if (!isSpotifyId(id))
        return apiError(400, "Invalid base62 id");
    const int index = albumIndex(id);
    if (index < 0)
        return apiError(404, "non existing id");
    return json(200, fullAlbum(index));
}

FakeResponse FakeSpotify::albumTracks(const QString &id, const QUrlQuery &query) const
{
    if (!isSpotifyId(id))
        return apiError(400, "Invalid base62 id");
    const int index = albumIndex(id);
    if (index < 0)
        return apiError(404, "non existing id");
    const std::optional<int> limit = intParameter(query, "limit", PageDefault, 1, PageLimit);
    if (!limit)
        return apiError(400, "Invalid limit");
    const std::optional<int> offset
        = intParameter(query, "offset", 0, 0, std::numeric_limits<int>::max() - PageLimit);
    if (!offset)
        return apiError(400, "Invalid offset");
    return json(200, tracksPage(index, *offset, *limit));
}

// Removed for development-mode apps in Feb 2026 (PROVIDERS.md 1.5); served otherwise.
FakeResponse FakeSpotify::severalAlbums(const QUrlQuery &query) const
{
    if (m_options.devMode)
        return apiError(403, "Forbidden");
    const QStringList ids = valueOf(query, "ids").split(u',', Qt::SkipEmptyParts);
    if (ids.isEmpty())
        return apiError(400, "invalid id");
    if (ids.size() > MaxIdsPerRequest)
        return apiError(400, "Too many ids requested");
    QJsonArray albums;
    for (const QString &id : ids) {
        if (!isSpotifyId(id.trimmed()))
            return apiError(400, "Invalid base62 id");
        const int index = albumIndex(id.trimmed());
        albums.append(index < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(fullAlbum(index)));
    }
    return json(200, QJsonObject {{QStringLiteral("albums"), albums}});
}

// Development mode drops country, email, explicit_content, followers and product.
FakeResponse FakeSpotify::me() const
{
    const QString id = m_options.userId;
    const quint64 accountSeed = Dice::mix(Dice::hash(id));
    QJsonObject user {{QStringLiteral("display_name"), m_options.displayName},
                      {QStringLiteral("external_urls"), externalUrls(QStringLiteral("user"), id)},
                      {QStringLiteral("href"), href(QLatin1String("/users/") + id)},
                      {QStringLiteral("id"), id},
                      {QStringLiteral("account_id"), encodeId(accountSeed, Dice::mix(accountSeed))},
                      {QStringLiteral("images"), QJsonArray()},
                      {QStringLiteral("type"), QStringLiteral("user")},
                      {QStringLiteral("uri"), QString(QLatin1String("spotify:user:") + id)}};
    if (!m_options.devMode) {
        user.insert(QStringLiteral("country"), QStringLiteral("DE"));
        user.insert(QStringLiteral("email"), QString(id + QLatin1String("@example.org")));
        user.insert(QStringLiteral("product"), QStringLiteral("premium"));
        user.insert(QStringLiteral("explicit_content"),
                    QJsonObject {{QStringLiteral("filter_enabled"), false},
                                 {QStringLiteral("filter_locked"), false}});
        user.insert(
            QStringLiteral("followers"),
            QJsonObject {{QStringLiteral("href"), QJsonValue::Null}, {QStringLiteral("total"), 3}});
    }
    return json(200, user);
}

// The library holds the first savedCount albums, album 0 the most recently added; added_at goes
// back about an hour per album.
FakeResponse FakeSpotify::savedAlbums(const QUrlQuery &query, const QString &scope) const
{
    if (!scope.split(u' ').contains(QStringLiteral("user-library-read")))
        return apiError(403, "Insufficient client scope");
    const std::optional<int> limit = intParameter(query, "limit", PageDefault, 1, PageLimit);
    if (!limit)
        return apiError(400, "Invalid limit");
    const std::optional<int> offset
        = intParameter(query, "offset", 0, 0, std::numeric_limits<int>::max() - PageLimit);
    if (!offset)
        return apiError(400, "Invalid offset");

    const QDateTime newest(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC);
    QJsonArray items;
    for (int i = *offset; i < std::min(m_savedCount, *offset + *limit); ++i) {
        Dice dice(Dice::mix(m_albums.at(i).seed ^ 0x6164646564)); // "added"
        const QDateTime added = newest.addSecs(-qint64(i) * 3600 - dice.below(3600));
        items.append(QJsonObject {{QStringLiteral("added_at"),
                                   added.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'"))},
                                  {QStringLiteral("album"), fullAlbum(i)}});
    }
    const auto pageUrl = [&](int pageOffset) {
        return href(QStringLiteral("/me/albums?offset=%1&limit=%2").arg(pageOffset).arg(*limit));
    };
    return json(
        200,
        paging(pageUrl(*offset), items, *limit, *offset, m_savedCount,
               pageLinks(*offset, *limit, m_savedCount, std::numeric_limits<int>::max(), pageUrl)));
}

QJsonArray FakeSpotify::artistsArray(const QStringList &names) const
{
    QJsonArray artists;
    for (const QString &name : names) {
        const QString id = artistId(name);
        artists.append(QJsonObject {
            {QStringLiteral("external_urls"), externalUrls(QStringLiteral("artist"), id)},
            {QStringLiteral("href"), href(QLatin1String("/artists/") + id)},
            {QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("type"), QStringLiteral("artist")},
            {QStringLiteral("uri"), QString(QLatin1String("spotify:artist:") + id)}});
    }
    return artists;
}

QJsonObject FakeSpotify::simplifiedAlbum(int index) const
{
    const Album &album = m_albums.at(index);
    const QString id = albumId(index);
    QString date = QString::number(album.year);
    if (album.precision <= 1)
        date += QStringLiteral("-%1").arg(album.month, 2, 10, QLatin1Char('0'));
    if (album.precision == 0)
        date += QStringLiteral("-%1").arg(album.day, 2, 10, QLatin1Char('0'));

    // Widest first, on the fake's own host, which serves them as the image host does.
    QJsonArray images;
    for (const int size : {640, 300, 64}) {
        images.append(
            QJsonObject {{QStringLiteral("url"),
                          QString(m_server.baseUrl().toString()
                                  + QStringLiteral("/images/%1-%2.jpg").arg(id).arg(size))},
                         {QStringLiteral("height"), size},
                         {QStringLiteral("width"), size}});
    }
    QJsonObject object {
        {QStringLiteral("album_type"), text(AlbumTypes[album.type])},
        {QStringLiteral("total_tracks"), album.trackCount},
        {QStringLiteral("external_urls"), externalUrls(QStringLiteral("album"), id)},
        {QStringLiteral("href"), href(QLatin1String("/albums/") + id)},
        {QStringLiteral("id"), id},
        {QStringLiteral("images"), images},
        {QStringLiteral("name"), album.title},
        {QStringLiteral("release_date"), date},
        {QStringLiteral("release_date_precision"), text(Precisions[album.precision])},
        {QStringLiteral("type"), QStringLiteral("album")},
        {QStringLiteral("uri"), QString(QLatin1String("spotify:album:") + id)},
        {QStringLiteral("artists"), artistsArray(album.artists)}};
    if (!m_options.devMode)
        object.insert(QStringLiteral("available_markets"), markets());
    return object;
}

QJsonObject FakeSpotify::fullAlbum(int index) const
{
    const Album &album = m_albums.at(index);
    QJsonObject object = simplifiedAlbum(index);
    QJsonObject externalIds;
    if (!album.upc.isEmpty())
        externalIds.insert(QStringLiteral("upc"), album.upc);
    object.insert(QStringLiteral("external_ids"), externalIds);
    const QString year = QString::number(album.year);
    object.insert(
        QStringLiteral("copyrights"),
        QJsonArray {QJsonObject {{QStringLiteral("text"),
                                  QString(QLatin1String("(C) ") + year + u' ' + album.label)},
                                 {QStringLiteral("type"), QStringLiteral("C")}},
                    QJsonObject {{QStringLiteral("text"),
                                  QString(QLatin1String("(P) ") + year + u' ' + album.label)},
                                 {QStringLiteral("type"), QStringLiteral("P")}}});
    object.insert(QStringLiteral("genres"), QJsonArray());
    if (!m_options.devMode) {
        object.insert(QStringLiteral("label"), album.label);
        object.insert(QStringLiteral("popularity"), album.popularity);
    }
    object.insert(QStringLiteral("tracks"), tracksPage(index, 0, EmbeddedTracks));
    return object;
}

QJsonObject FakeSpotify::tracksPage(int index, int offset, int limit) const
{
    const int total = m_albums.at(index).trackCount;
    const QString id = albumId(index);
    const auto pageUrl = [&](int pageOffset) {
        return href(QStringLiteral("/albums/%1/tracks?offset=%2&limit=%3")
                        .arg(id)
                        .arg(pageOffset)
                        .arg(limit));
    };
    QJsonArray items;
    for (int number = offset; number < std::min(total, offset + limit); ++number)
        items.append(trackObject(index, number));
    return paging(pageUrl(offset), items, limit, offset, total,
                  pageLinks(offset, limit, total, std::numeric_limits<int>::max(), pageUrl));
}

// Track `number` (0-based over the whole album): discs hold equal runs, numbered from 1 each.
QJsonObject FakeSpotify::trackObject(int index, int number) const
{
    const Album &album = m_albums.at(index);
    Dice dice(Dice::mix(album.seed ^ (quint64(number + 1) << 32)));
    const int perDisc = (album.trackCount + album.discs - 1) / album.discs;
    const QString id = trackId(index, number);
    QString name = dice.pick(Adjectives) + u' ' + dice.pick(Nouns);
    if (dice.chance(6))
        name = dice.pick(Nouns) + QLatin1String(" of ") + dice.pick(Nouns);
    const QStringList artists = album.type == 2 ? QStringList {personName(dice)} : album.artists;
    QJsonObject track {{QStringLiteral("artists"), artistsArray(artists)},
                       {QStringLiteral("disc_number"), number / perDisc + 1},
                       {QStringLiteral("duration_ms"), 90'000 + dice.below(450'000)},
                       {QStringLiteral("explicit"), dice.chance(12)},
                       {QStringLiteral("external_urls"), externalUrls(QStringLiteral("track"), id)},
                       {QStringLiteral("href"), href(QLatin1String("/tracks/") + id)},
                       {QStringLiteral("id"), id},
                       {QStringLiteral("is_local"), false},
                       {QStringLiteral("is_playable"), true},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("preview_url"), QJsonValue::Null},
                       {QStringLiteral("track_number"), number % perDisc + 1},
                       {QStringLiteral("type"), QStringLiteral("track")},
                       {QStringLiteral("uri"), QString(QLatin1String("spotify:track:") + id)}};
    if (!m_options.devMode)
        track.insert(QStringLiteral("available_markets"), markets());
    return track;
}

QString FakeSpotify::href(const QString &path) const
{
    return apiUrl().toString() + path;
}

} // namespace aime::fakes
