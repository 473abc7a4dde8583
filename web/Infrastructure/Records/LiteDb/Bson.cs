using System.Globalization;
using LiteDB;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

/// <summary>Conversions between model values and BSON that keep times in UTC and enums by name.</summary>
internal static class Bson
{
    public static BsonValue Time(DateTimeOffset value) => new(value.UtcDateTime);

    public static BsonValue Time(DateTimeOffset? value) => value is { } v ? Time(v) : BsonValue.Null;

    /// <summary>LiteDB hands dates back as local time unless its UtcDate pragma is set; convert either way.</summary>
    public static DateTimeOffset ReadTime(BsonValue value) =>
        new(DateTime.SpecifyKind(value.AsDateTime.ToUniversalTime(), DateTimeKind.Utc));

    public static DateTimeOffset? ReadOptionalTime(BsonValue value) => value.IsNull ? null : ReadTime(value);

    public static BsonValue Date(DateOnly? value) =>
        value is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : BsonValue.Null;

    public static DateOnly? ReadDate(BsonValue value) =>
        value.IsNull ? null : DateOnly.ParseExact(value.AsString, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static BsonValue Text(string? value) => value is null ? BsonValue.Null : new BsonValue(value);

    public static string? ReadText(BsonValue value) => value.IsNull ? null : value.AsString;

    public static BsonValue Enum<T>(T value) where T : struct, System.Enum => value.ToString();

    public static T ReadEnum<T>(BsonValue value) where T : struct, System.Enum => System.Enum.Parse<T>(value.AsString);

    /// <summary>
    /// "field = value", with the value as a parameter. LiteDB's Query.EQ writes the value into the expression's text,
    /// and LiteDB compiles (about a millisecond) and keeps every distinct text, so each new id cost a compile and
    /// grew that cache for good; with a parameter the text is the same for every value and is compiled once.
    /// </summary>
    public static BsonExpression Eq(string field, BsonValue value) => BsonExpression.Create(field + " = @0", value);
}
