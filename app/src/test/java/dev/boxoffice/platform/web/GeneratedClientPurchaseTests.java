package dev.boxoffice.platform.web;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.boxoffice.apiclient.ApiClient;
import dev.boxoffice.apiclient.ApiException;
import dev.boxoffice.apiclient.api.AccountsApi;
import dev.boxoffice.apiclient.api.HoldsApi;
import dev.boxoffice.apiclient.api.OrdersApi;
import dev.boxoffice.apiclient.api.SeatsApi;
import dev.boxoffice.apiclient.api.VenuesAndEventsApi;
import dev.boxoffice.apiclient.model.Account;
import dev.boxoffice.apiclient.model.Credentials;
import dev.boxoffice.apiclient.model.Event;
import dev.boxoffice.apiclient.model.EventStatus;
import dev.boxoffice.apiclient.model.Hold;
import dev.boxoffice.apiclient.model.HoldRequest;
import dev.boxoffice.apiclient.model.NewEvent;
import dev.boxoffice.apiclient.model.NewVenue;
import dev.boxoffice.apiclient.model.NewVenueRow;
import dev.boxoffice.apiclient.model.NewVenueSection;
import dev.boxoffice.apiclient.model.Order;
import dev.boxoffice.apiclient.model.OrderStatus;
import dev.boxoffice.apiclient.model.Problem;
import dev.boxoffice.apiclient.model.PurchaseRequest;
import dev.boxoffice.apiclient.model.Registration;
import dev.boxoffice.apiclient.model.Role;
import dev.boxoffice.apiclient.model.RoleChange;
import dev.boxoffice.apiclient.model.Seat;
import dev.boxoffice.apiclient.model.SeatStatus;
import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.TestServicesInitializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A client generated from the committed description (docs/openapi.json, by the build)
 * takes an event from venue to sold seats: the description is one a generator can use,
 * and the answers match what it says.
 */
@IntegrationTest
class GeneratedClientPurchaseTests {

	private static final String PASSWORD = "generated-client-password";

	@LocalServerPort
	int port;

	@Test
	void anOrganizerPutsAnEventOnSaleAndABuyerHoldsAndBuysSeatsThroughTheGeneratedClient() throws Exception {
		ApiClient organizer = signedIn(newAccount("organizer"));
		ApiClient admin = signedIn(new Credentials().email(TestServicesInitializer.ADMIN_EMAIL)
			.password(TestServicesInitializer.ADMIN_PASSWORD));
		Account organizerAccount = new AccountsApi(organizer).getMyAccount();
		new AccountsApi(admin).changeRoles(organizerAccount.getId(), new RoleChange().roles(Set.of(Role.ORGANIZER)));
		organizer = signedIn(new Credentials().email(organizerAccount.getEmail()).password(PASSWORD));
		UUID event = eventOnSale(new VenuesAndEventsApi(organizer));

		ApiClient buyer = signedIn(newAccount("buyer"));
		assertThat(new SeatsApi(anonymous()).listSeats(event)).hasSize(6)
			.allSatisfy((seat) -> assertThat(seat.getStatus()).isEqualTo(SeatStatus.AVAILABLE));
		Hold hold = new HoldsApi(buyer).holdSeats(event, new HoldRequest().seatIds(List.of("A-1-1", "A-1-2")));
		assertThat(hold.getTotalCents()).isEqualTo(5000L);
		Order order = new OrdersApi(buyer).purchaseHold(hold.getHoldId(), UUID.randomUUID().toString(),
				new PurchaseRequest().paymentToken("tok_ok"));

		assertThat(order.getStatus()).isEqualTo(OrderStatus.CONFIRMED);
		assertThat(order.getTickets()).extracting((ticket) -> ticket.getSeatId())
			.containsExactlyInAnyOrder("A-1-1", "A-1-2");
		assertThat(new OrdersApi(buyer).getOrder(order.getOrderId())).isEqualTo(order);
		assertThat(new SeatsApi(anonymous()).listSeats(event)).filteredOn((seat) -> seat.getStatus() == SeatStatus.SOLD)
			.extracting(Seat::getId)
			.containsExactlyInAnyOrder("A-1-1", "A-1-2");
		assertThat(Booking.seatStates(event, "A-1-1", "A-1-2")).containsValues("SOLD/1", "SOLD/1");

		// A refusal reaches the client as the problem detail the description promises.
		ApiException refused = catchThrowableOfType(ApiException.class,
				() -> new HoldsApi(buyer).holdSeats(event, new HoldRequest().seatIds(List.of("A-1-2", "A-1-3"))));
		assertThat(refused.getCode()).isEqualTo(409);
		assertThat(refused.getResponseHeaders().firstValue("Content-Type")).hasValue("application/problem+json");
		Problem problem = buyer.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
		assertThat(problem.getType()).isEqualTo("urn:boxoffice:problem:seats-unavailable");
		assertThat(problem.getStatus()).isEqualTo(409);
		assertThat(problem.getUnavailableSeats()).containsExactly("A-1-2");
	}

	private UUID eventOnSale(VenuesAndEventsApi catalog) throws ApiException {
		UUID venue = catalog.createVenue(new NewVenue().name("Generated Hall")
			.city("Generated City")
			.sections(List.of(new NewVenueSection().code("A")
				.name("Stalls")
				.priceCents(2500)
				.rows(List.of(new NewVenueRow().label("1").seats(6))))))
			.getId();
		OffsetDateTime startsAt = OffsetDateTime.now().plusDays(30);
		Event draft = catalog.createEvent(new NewEvent().venueId(venue)
			.title("Generated Client Night")
			.category("music")
			.startsAt(startsAt)
			.endsAt(startsAt.plusHours(2))
			.currency("EUR"));
		assertThat(draft.getStatus()).isEqualTo(EventStatus.DRAFT);
		assertThat(catalog.publishEvent(draft.getId()).getStatus()).isEqualTo(EventStatus.ON_SALE);
		return draft.getId();
	}

	private Credentials newAccount(String label) throws ApiException {
		String email = Accounts.uniqueEmail(label);
		Account account = new AccountsApi(anonymous())
			.register(new Registration().email(email).password(PASSWORD).name("Generated " + label));
		assertThat(account.getRoles()).containsExactly(Role.USER);
		return new Credentials().email(email).password(PASSWORD);
	}

	private ApiClient signedIn(Credentials credentials) throws ApiException {
		String token = new AccountsApi(anonymous()).logIn(credentials).getAccessToken();
		ApiClient client = anonymous();
		client.setRequestInterceptor((request) -> request.header("Authorization", "Bearer " + token));
		return client;
	}

	private ApiClient anonymous() {
		ApiClient client = new ApiClient();
		client.updateBaseUri("http://localhost:" + this.port);
		return client;
	}

}
