using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace HistoryEngine.Web.Infrastructure.Records.PostgreSql;

/// <summary>
/// The data-protection key ring kept in the PostgreSQL store (table data_protection_keys), so that every site instance
/// on the database protects and unprotects with the same keys: a cookie made on one opens on all. Data protection
/// reads the whole ring at start, when it meets a key it does not know, and about once a day; it adds a key when the
/// newest is near expiry, and every instance sees the new key before it becomes the default one (it is made days
/// ahead, as the framework does with any shared repository).
/// </summary>
internal sealed class PostgreSqlXmlRepository(PostgreSqlRecordStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => store.ListDataProtectionKeys();

    public void StoreElement(XElement element, string friendlyName) => store.StoreDataProtectionKey(friendlyName, element);
}
