using System.Text.Json;

namespace BackgroundRoles.Contracts.Tests;

/// <summary>The order contract's rules: the ones the web role answers 400 with and the worker role poisons by.</summary>
[TestClass]
public sealed class OrderJobTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [TestMethod]
    public void Validate_CatalogueOrder_HasNoErrors()
    {
        var order = new OrderJob("ada@example.com", [new OrderLine("sku-apple", 3, 0.50m), new OrderLine("sku-fig", ContractLimits.MaxQuantity, 1.20m)]);

        Assert.AreEqual(0, order.Validate().Count);
    }

    [TestMethod]
    [DataRow(-5)]
    [DataRow(0)]
    [DataRow(ContractLimits.MaxQuantity + 1)]
    public void Validate_QuantityOutOfRange_NamesTheLine(int quantity)
    {
        var order = new OrderJob("ada@example.com", [new OrderLine("sku-apple", 1, 0.50m), new OrderLine("sku-pear", quantity, 0.65m)]);

        var errors = order.Validate();

        Assert.AreEqual(1, errors.Count, string.Join(", ", errors.Keys));
        StringAssert.Contains(errors["items[1].quantity"][0], $"between 1 and {ContractLimits.MaxQuantity}");
    }

    [TestMethod]
    public void Validate_NoItems_NamesItems()
    {
        Assert.IsTrue(new OrderJob("ada@example.com", []).Validate().ContainsKey("items"));
    }

    [TestMethod]
    public void Validate_TooManyLines_NamesItems()
    {
        var lines = Enumerable.Range(0, ContractLimits.MaxOrderLines + 1).Select(_ => new OrderLine("sku-apple", 1, 0.50m)).ToList();

        StringAssert.Contains(new OrderJob("ada@example.com", lines).Validate()["items"][0], $"Between 1 and {ContractLimits.MaxOrderLines}");
    }

    [TestMethod]
    public void Validate_UnknownSku_NamesTheSku()
    {
        Assert.IsTrue(new OrderJob("ada@example.com", [new OrderLine("sku-durian", 1, 9m)]).Validate().ContainsKey("items[0].sku"));
    }

    [TestMethod]
    [DataRow(-0.50)]
    [DataRow(0.01)]
    public void Validate_PriceNotTheCatalogues_NamesThePrice(double price)
    {
        var errors = new OrderJob("ada@example.com", [new OrderLine("sku-apple", 1, (decimal)price)]).Validate();

        StringAssert.Contains(errors["items[0].unitPrice"][0], "0.50");
    }

    [TestMethod]
    public void Validate_RepeatedSku_NamesItems()
    {
        var errors = new OrderJob("ada@example.com", [new OrderLine("sku-apple", 1, 0.50m), new OrderLine("sku-apple", 2, 0.50m)]).Validate();

        StringAssert.Contains(errors["items"][0], "repeated: sku-apple");
    }

    [TestMethod]
    [DataRow("not-an-email")]
    [DataRow("")]
    [DataRow("Ada <ada@example.com>")]
    public void Validate_BadEmail_NamesCustomerEmail(string email)
    {
        Assert.IsTrue(new OrderJob(email, [new OrderLine("sku-apple", 1, 0.50m)]).Validate().ContainsKey("customerEmail"));
    }

    [TestMethod]
    public void Validate_JsonWithNulls_NamesEveryFieldWithoutThrowing()
    {
        var order = JsonSerializer.Deserialize<OrderJob>("""{"items":[null,{"quantity":2}]}""", Web)!;

        var errors = order.Validate();

        CollectionAssert.IsSubsetOf(new[] { "customerEmail", "items[0].sku", "items[0].quantity", "items[1].sku" }, errors.Keys.ToArray());
    }

    [TestMethod]
    public void Validate_JsonWithoutItems_NamesItems()
    {
        var order = JsonSerializer.Deserialize<OrderJob>("""{"customerEmail":"ada@example.com"}""", Web)!;

        Assert.IsTrue(order.Validate().ContainsKey("items"));
    }

    [TestMethod]
    public void Describe_Errors_IsOneSentenceNamingEachField()
    {
        var errors = new OrderJob("nope", [new OrderLine("sku-apple", -5, 0.50m)]).Validate();

        var text = ContractValidation.Describe(errors);

        StringAssert.Contains(text, "customerEmail: A valid email address is required.");
        StringAssert.Contains(text, "; items[0].quantity: The quantity must be between 1 and 1000.");
    }
}
