#include "vectorgenerator.h"

#include <QCryptographicHash>
#include <QtEndian>
#include <array>
#include <cmath>

namespace SignalHub::Testing {

namespace {

// xoshiro256** by Blackman and Vigna: exactly specified, so vectors are the same everywhere
// (unlike std:: distributions).
class Xoshiro256
{
public:
    explicit Xoshiro256(const QByteArray &seed)
    {
        for (int i = 0; i < 4; ++i)
            m_state[i] = qFromLittleEndian<quint64>(seed.constData() + 8 * i);
    }

    quint64 next()
    {
        const quint64 result = rotl(m_state[1] * 5, 7) * 9;
        const quint64 t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

private:
    static quint64 rotl(quint64 x, int k) { return (x << k) | (x >> (64 - k)); }
    std::array<quint64, 4> m_state {};
};

} // namespace

QByteArray VectorGenerator::digest(const QByteArray &utf8Text)
{
    return QCryptographicHash::hash(utf8Text, QCryptographicHash::Sha256);
}

QList<float> VectorGenerator::fromDigest(const QByteArray &digest, int dimensions)
{
    Q_ASSERT(digest.size() == 32);
    Xoshiro256 random(digest);
    QList<double> raw(qMax(0, dimensions));
    double sumOfSquares = 0;
    for (double &value : raw) {
        value = double(random.next() >> 40) / double(1 << 23) - 1.0;
        sumOfSquares += value * value;
    }
    const double norm = std::sqrt(sumOfSquares);
    QList<float> vector(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i)
        vector[i] = norm > 0 ? float(raw[i] / norm) : 0.0f;
    return vector;
}

QList<float> VectorGenerator::fromText(const QString &text, int dimensions)
{
    return fromDigest(digest(text.toUtf8()), dimensions);
}

} // namespace SignalHub::Testing
