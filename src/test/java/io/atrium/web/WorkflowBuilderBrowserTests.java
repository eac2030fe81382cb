package io.atrium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.atrium.automation.WorkflowManagement;
import io.atrium.automation.WorkflowResponse;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * The visual workflow builder: pick a trigger, add steps with the palette, reorder them by drag and drop, save,
 * start — and the automation module holds exactly that workflow, active.
 */
class WorkflowBuilderBrowserTests extends BrowserTestSupport {

	@Autowired
	WorkflowManagement workflows;

	@Test
	void buildReorderByDragAndDropSaveAndStartAWorkflow() {
		signInAsAdmin();
		browser.get(url("/workflows"));
		browser.findElement(By.id("new-workflow")).click();
		waitFor().until(ExpectedConditions.urlContains("/workflows/new"));
		settle();

		browser.findElement(By.id("wf-name")).sendKeys("Big spender welcome");
		new Select(browser.findElement(By.id("wf-trigger-type"))).selectByValue("lifecycle_stage");
		new Select(browser.findElement(By.cssSelector("#wf-trigger [data-for='lifecycle_stage'] select")))
			.selectByValue("purchase");
		browser.findElement(By.id("add-send_email")).click();
		browser.findElement(By.id("add-wait")).click();
		browser.findElement(By.id("add-branch")).click();
		browser.findElement(By.id("add-send_sms")).click();
		assertThat(actions()).containsExactly("send_email", "wait", "branch", "send_sms");
		assertThat(browser.findElements(By.cssSelector("#wf-steps > .connector"))).hasSize(4);

		List<WebElement> nodes = browser.findElements(By.cssSelector("#wf-steps > .node"));
		nodes.get(1).findElement(By.cssSelector("[data-key='amount']")).clear();
		nodes.get(1).findElement(By.cssSelector("[data-key='amount']")).sendKeys("2");
		// the branch: purchase stage goes on to the SMS, anyone else ends
		new Select(nodes.get(2).findElement(By.cssSelector("[data-key='yes_step']"))).selectByVisibleText("Step 4");
		new Select(nodes.get(2).findElement(By.cssSelector("[data-key='no_step']"))).selectByVisibleText("End");

		// drag the SMS step (4th) and drop it on the upper half of the wait step (2nd)
		dragAndDrop(nodes.get(3), nodes.get(1));
		assertThat(actions()).containsExactly("send_email", "send_sms", "wait", "branch");
		// the branch still points at the SMS step, now the 2nd
		assertThat(new Select(browser.findElements(By.cssSelector("#wf-steps > .node")).get(3)
			.findElement(By.cssSelector("[data-key='yes_step']"))).getFirstSelectedOption().getText()).isEqualTo("Step 2");

		browser.findElement(By.id("wf-save")).click();
		waitFor().until(ExpectedConditions.urlMatches("/workflows/[0-9a-f-]{36}$"));
		UUID id = UUID.fromString(browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1));
		assertThat(browser.findElement(By.id("workflow-status")).getText()).isEqualTo("Draft");

		browser.findElement(By.id("start-workflow")).click();
		waitFor().until(d -> d.findElement(By.id("workflow-status")).getText().equals("Active"));

		WorkflowResponse saved = workflows.find(id);
		assertThat(saved.status()).isEqualTo("active");
		assertThat(saved.name()).isEqualTo("Big spender welcome");
		assertThat(saved.trigger().get("trigger_type").asString()).isEqualTo("lifecycle_stage");
		assertThat(saved.trigger().get("config").get("stage").asString()).isEqualTo("purchase");
		List<String> types = new ArrayList<>();
		saved.steps().forEach(step -> types.add(step.get("action_type").asString()));
		assertThat(types).containsExactly("send_email", "send_sms", "wait", "branch");
		assertThat(saved.steps().get(2).get("config").get("wait_days").asInt()).isEqualTo(2);
		JsonNode branch = saved.steps().get(3).get("config");
		assertThat(branch.get("yes_step").asInt()).isEqualTo(1);
		assertThat(branch.get("no_step").asInt()).isEqualTo(4);

		// run counts per step are shown, and a dry run simulates the steps for chosen customers
		assertThat(browser.findElement(By.cssSelector("[data-kpi='entered'] .kpi-value")).getText()).isEqualTo("0");
		browser.findElement(By.id("dry-run-customers")).sendKeys("CUST001, NOBODY-42");
		browser.findElement(By.id("dry-run")).click();
		// the form posts and the page comes back with the simulation: wait for the new page, not the old one
		String simulated = waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("dry-run-result")))
			.getText();
		assertThat(simulated).contains("CUST001", "Send email", "Send SMS", "Wait", "Branch");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("NOBODY-42");
		assertThat(workflows.find(id).status()).isEqualTo("active");

		// the builder opens the saved workflow again as it was
		browser.findElement(By.id("edit-workflow")).click();
		settle();
		assertThat(actions()).containsExactly("send_email", "send_sms", "wait", "branch");
		assertThat(browser.findElement(By.id("wf-name")).getAttribute("value")).isEqualTo("Big spender welcome");

		browser.get(url("/workflows"));
		assertThat(browser.findElement(By.id("workflow-list")).getText()).contains("Big spender welcome", "Active");
	}

	@Test
	void anInvalidWorkflowIsRefusedWithItsReasonsAndNothingIsSaved() {
		signInAsAdmin();
		long before = workflows.list(null, 500).items().size();
		browser.get(url("/workflows/new"));
		settle();
		browser.findElement(By.id("add-webhook")).click();
		browser.findElement(By.cssSelector("#wf-steps [data-key='url']")).clear();
		browser.findElement(By.cssSelector("#wf-steps [data-key='url']")).sendKeys("not a url");
		browser.findElement(By.id("wf-save")).click();
		waitFor().until(d -> d.findElement(By.id("wf-errors")).isDisplayed());
		assertThat(browser.findElement(By.id("wf-errors")).getText()).contains("name", "url");
		assertThat(workflows.list(null, 500).items()).hasSize((int) before);
	}

	@SuppressWarnings("unchecked")
	private List<String> actions() {
		return (List<String>) js("return Array.from(document.querySelectorAll('#wf-steps > .node'))"
				+ ".map(function (n) { return n.dataset.action; })");
	}

	/** HTML5 drag and drop as the browser fires it (Selenium's mouse actions do not start native drags). */
	private void dragAndDrop(WebElement source, WebElement target) {
		js("""
				var source = arguments[0], target = arguments[1], data = new DataTransfer();
				var box = target.getBoundingClientRect(), x = box.left + 10, y = box.top + 5;
				function fire(el, type) {
				  el.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data,
				    clientX: x, clientY: y }));
				}
				fire(source, 'dragstart'); fire(target, 'dragenter'); fire(target, 'dragover');
				fire(target, 'drop'); fire(source, 'dragend');
				""", source, target);
	}
}
