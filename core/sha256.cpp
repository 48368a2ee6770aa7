#include "sha256.h"

#include <QIODevice>
#include <openssl/evp.h>

namespace SignalHub::Core {

namespace {

// Nothing is stored or compared without its hash, so a libcrypto that cannot hash stops the
// program rather than let a wrong digest through.
void require(int ok)
{
    if (ok != 1)
        qFatal("OpenSSL's libcrypto failed to compute a SHA-256 digest; check its configuration "
               "(OPENSSL_CONF) and that its default provider loads.");
}

// Fetched once: an implicit fetch by name on every digest takes a lock and a lookup.
const EVP_MD *sha256()
{
    static const struct Fetched
    {
        EVP_MD *md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
        ~Fetched() { EVP_MD_free(md); }
    } fetched;
    require(fetched.md ? 1 : 0);
    return fetched.md;
}

} // namespace

struct Sha256::Context
{
    Context() { require(EVP_DigestInit_ex2(context, sha256(), nullptr)); }
    ~Context() { EVP_MD_CTX_free(context); }
    EVP_MD_CTX *context = EVP_MD_CTX_new();
};

Sha256::Sha256()
    : m_context(std::make_unique<Context>())
{ }

Sha256::~Sha256() = default;

void Sha256::addData(QByteArrayView data)
{
    require(EVP_DigestUpdate(m_context->context, data.data(), size_t(data.size())));
}

bool Sha256::addData(QIODevice &device)
{
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 read = device.read(buffer.data(), buffer.size());
        if (read < 0)
            return false;
        if (read == 0)
            return device.atEnd();
        addData(QByteArrayView(buffer.constData(), read));
    }
}

QByteArray Sha256::result()
{
    QByteArray digest(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int length = 0;
    require(EVP_DigestFinal_ex(
        m_context->context, reinterpret_cast<unsigned char *>(digest.data()), &length));
    digest.truncate(length);
    return digest;
}

QByteArray Sha256::hash(QByteArrayView data)
{
    QByteArray digest(32, Qt::Uninitialized);
    unsigned int length = 0;
    require(EVP_Digest(data.data(), size_t(data.size()),
        reinterpret_cast<unsigned char *>(digest.data()), &length, sha256(), nullptr));
    return digest;
}

} // namespace SignalHub::Core
