// SHA-256 by libcrypto gives the digests QCryptographicHash gives: the hashes already in
// every store were made by Qt, and a file or chunk must keep its hash across the change.
#include "sha256.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTemporaryFile>
#include <QTest>

using SignalHub::Core::Sha256;

class TestSha256 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void knownDigest();
    void sameAsQt_data();
    void sameAsQt();
    void fileInPiecesSameAsWhole();
    void unreadableDeviceFails();
};

void TestSha256::knownDigest()
{
    // FIPS 180-2, appendix B.1.
    QCOMPARE(Sha256::hash("abc").toHex(),
        QByteArrayLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
}

void TestSha256::sameAsQt_data()
{
    QTest::addColumn<int>("size");
    // Either side of SHA-256's 64-byte block and of its 55-byte room for the length.
    for (const int size : { 0, 1, 55, 56, 63, 64, 65, 1000, 1 << 20 })
        QTest::addRow("%d bytes", size) << size;
}

void TestSha256::sameAsQt()
{
    QFETCH(int, size);
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator generator(quint32(size) + 1);
    for (char &byte : data)
        byte = char(generator.bounded(256));
    const QByteArray expected = QCryptographicHash::hash(data, QCryptographicHash::Sha256);
    QCOMPARE(Sha256::hash(data), expected);
    Sha256 streamed;
    streamed.addData(QByteArrayView(data).first(size / 3));
    streamed.addData(QByteArrayView(data).sliced(size / 3));
    QCOMPARE(streamed.result(), expected);
}

void TestSha256::fileInPiecesSameAsWhole()
{
    // Larger than the buffer the device is read through, and not a multiple of it.
    QByteArray data(3 * (1 << 20) + 12345, Qt::Uninitialized);
    QRandomGenerator generator(7);
    for (char &byte : data)
        byte = char(generator.bounded(256));
    QTemporaryFile file;
    QVERIFY(file.open());
    QCOMPARE(file.write(data), data.size());
    QVERIFY(file.seek(0));
    Sha256 hash;
    QVERIFY(hash.addData(file));
    QCOMPARE(hash.result(), QCryptographicHash::hash(data, QCryptographicHash::Sha256));
}

void TestSha256::unreadableDeviceFails()
{
    QBuffer closed;
    Sha256 hash;
    QTest::ignoreMessage(QtWarningMsg, "QIODevice::read (QBuffer): device not open");
    QVERIFY(!hash.addData(closed));
}

QTEST_APPLESS_MAIN(TestSha256)
#include "tst_sha256.moc"
