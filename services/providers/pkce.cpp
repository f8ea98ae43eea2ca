#include "providers/pkce.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <algorithm>
#include <array>

namespace aime {

namespace {

constexpr QByteArrayView
    unreservedCharacters("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~");

} // namespace

QByteArray Pkce::generateVerifier(int length)
{
    length = std::clamp(length, MinVerifierLength, MaxVerifierLength);
    QRandomGenerator *random = QRandomGenerator::system();
    QByteArray verifier(length, Qt::Uninitialized);
    for (char &c : verifier)
        c = unreservedCharacters.at(random->bounded(int(unreservedCharacters.size())));
    return verifier;
}

QByteArray Pkce::challenge(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray Pkce::generateState()
{
    std::array<quint32, 8> words {};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    return QByteArray(reinterpret_cast<const char *>(words.data()), sizeof(words))
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace aime
